import { Table, TableBody, TableCaption, TableCell, TableHead, TableRow } from '@cmsgov/design-system';
import type { PrescriptionDetail } from '@openpbm/shared/pharmacy';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { getJson } from '../../../components/api/client';
import { LoadError } from '../../../components/content/LoadError';
import { Page } from '../../../components/content/Page';
import { Section } from '../../../components/content/Section';
import { formatDate } from '../../../components/format/dates';
import { formatCents } from '../benefits/money';
import { Loading, PharmacyGate } from './PharmacyGate';
import { PharmacyNav } from './PharmacyNav';
import './pharmacy.css';

function Detail({ id }: { id: string }) {
  const rx = useQuery({
    queryKey: ['pharmacy', 'prescription', id],
    queryFn: () => getJson<PrescriptionDetail>(`/api/prescriptions/${id}`),
  });
  if (rx.isPending) return <Loading what="the prescription" />;
  if (rx.error) return <LoadError error={rx.error} what="this prescription" />;
  const p = rx.data;
  return (
    <>
      <Section heading={p.drugName} intro={p.refillMessage}>
        <dl className="rx-facts rx-facts--wide">
          <div>
            <dt>For</dt>
            <dd>{p.memberName}</dd>
          </div>
          <div>
            <dt>Rx number</dt>
            <dd>{p.rxNumber}</dd>
          </div>
          <div>
            <dt>Directions</dt>
            <dd>{p.directions}</dd>
          </div>
          <div>
            <dt>Quantity</dt>
            <dd>
              {p.quantity} for {p.daysSupply} days
            </dd>
          </div>
          <div>
            <dt>Prescriber</dt>
            <dd>
              {p.prescriber.name}, {p.prescriber.phone}
            </dd>
          </div>
          <div>
            <dt>Pharmacy</dt>
            <dd>
              {p.pharmacy.name}, {p.pharmacy.phone}
            </dd>
          </div>
          <div>
            <dt>Refills left</dt>
            <dd>
              {p.refillsRemaining} of {p.refillsAuthorized}
            </dd>
          </div>
          <div>
            <dt>Written</dt>
            <dd>{formatDate(p.writtenDate)}</dd>
          </div>
          <div>
            <dt>Can be filled through</dt>
            <dd>{formatDate(p.fillableThrough)}</dd>
          </div>
        </dl>
        {p.canRefill ? (
          <Link className="ds-c-button ds-c-button--solid" to="/members/refill" search={{ rx: p.id }}>
            Refill by home delivery
          </Link>
        ) : null}
      </Section>
      <Section heading="Fills">
        {p.fills.length === 0 ? (
          <p>No fills yet.</p>
        ) : (
          <Table stackable stackableBreakpoint="md">
            <TableCaption>Fills of Rx {p.rxNumber}</TableCaption>
            <TableHead>
              <TableRow>
                <TableCell>Date</TableCell>
                <TableCell>Pharmacy</TableCell>
                <TableCell>Quantity</TableCell>
                <TableCell>You paid</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {p.fills.map((fill) => (
                <TableRow key={`${fill.date}-${fill.source}-${fill.orderId ?? ''}`}>
                  <TableCell stackedTitle="Date">{formatDate(fill.date)}</TableCell>
                  <TableCell stackedTitle="Pharmacy">
                    {fill.orderId ? (
                      <Link to="/members/orders/$orderId" params={{ orderId: fill.orderId }}>
                        {fill.pharmacyName}
                      </Link>
                    ) : (
                      fill.pharmacyName
                    )}
                  </TableCell>
                  <TableCell stackedTitle="Quantity">
                    {fill.quantity} for {fill.daysSupply} days
                  </TableCell>
                  <TableCell stackedTitle="You paid">{formatCents(fill.memberPaidCents)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Section>
    </>
  );
}

export function PrescriptionDetailPage() {
  const { prescriptionId } = useParams({ from: '/members/prescriptions/$prescriptionId' });
  return (
    <Page title="Prescription" eyebrow="For members" heading="Prescription">
      <PharmacyGate purpose="this prescription">
        <PharmacyNav />
        <Detail id={prescriptionId} />
      </PharmacyGate>
    </Page>
  );
}
