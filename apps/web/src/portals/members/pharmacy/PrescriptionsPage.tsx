import { Alert, Badge, Button, Choice } from '@cmsgov/design-system';
import {
  type PrescriptionSummary,
  type PrescriptionsResponse,
  prescriptionSearchRequest,
} from '@openpbm/shared/pharmacy';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { z } from 'zod';
import { postJson } from '../../../components/api/client';
import { PharmacyGate } from '../../../components/auth/PharmacyGate';
import { Page } from '../../../components/content/Page';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { Field, Form, SubmitButton, useZodForm } from '../../../components/form';
import { formatDate } from '../../../components/format/dates';
import { PharmacyNav } from './PharmacyNav';
import '../../../styles/pharmacy.css';

type StatusFilter = 'current' | 'past' | 'all';

const STATE_BADGE: Record<
  PrescriptionSummary['refillState'],
  { label: string; variation?: 'info' | 'success' | 'warn' | 'alert' }
> = {
  eligible: { label: 'Ready to refill', variation: 'success' },
  too_soon: { label: 'Too soon', variation: 'info' },
  no_refills_left: { label: 'No refills left', variation: 'warn' },
  expired: { label: 'Expired', variation: 'alert' },
  in_progress: { label: 'In an order', variation: 'info' },
  retail: { label: 'At a retail pharmacy' },
  on_hold: { label: 'On hold', variation: 'warn' },
  closed: { label: 'Closed' },
};

export function usePrescriptions(filters: { memberId: string; status: StatusFilter; query?: string }) {
  return useQuery({
    queryKey: ['pharmacy', 'prescriptions', filters],
    queryFn: () =>
      postJson<PrescriptionsResponse>('/api/prescriptions/search', {
        status: filters.status,
        ...(filters.memberId ? { memberId: filters.memberId } : {}),
        ...(filters.query ? { query: filters.query } : {}),
      }),
  });
}

function PrescriptionCard({
  rx,
  selected,
  selectable,
  onToggle,
}: {
  rx: PrescriptionSummary;
  selected: boolean;
  selectable: boolean;
  onToggle: () => void;
}) {
  const badge = STATE_BADGE[rx.refillState];
  return (
    <li className="rx-card" data-rx={rx.rxNumber}>
      <div className="rx-card__head">
        <h3 className="rx-card__name">
          <Link to="/members/prescriptions/$prescriptionId" params={{ prescriptionId: rx.id }}>
            {rx.drugName}
          </Link>
        </h3>
        <Badge variation={badge.variation}>{badge.label}</Badge>
      </div>
      <p className="rx-card__for">
        For {rx.memberName} · Rx {rx.rxNumber}
      </p>
      <dl className="rx-facts">
        <div>
          <dt>Prescriber</dt>
          <dd>{rx.prescriber.name}</dd>
        </div>
        <div>
          <dt>Pharmacy</dt>
          <dd>{rx.pharmacy.name}</dd>
        </div>
        <div>
          <dt>Refills left</dt>
          <dd>{rx.refillsRemaining}</dd>
        </div>
        <div>
          <dt>Last filled</dt>
          <dd>{rx.lastFillDate ? formatDate(rx.lastFillDate) : 'Not filled yet'}</dd>
        </div>
        <div>
          <dt>Next refill</dt>
          <dd>{rx.nextEligibleDate ? formatDate(rx.nextEligibleDate) : 'Any time'}</dd>
        </div>
        {rx.autoRefill ? (
          <div>
            <dt>Automatic refill</dt>
            <dd>
              {rx.autoRefill.status === 'active'
                ? `On, next ${formatDate(rx.autoRefill.nextRefillDate)}`
                : 'Paused'}
            </dd>
          </div>
        ) : null}
      </dl>
      <p className="rx-card__message">{rx.refillMessage}</p>
      <div className="rx-card__actions">
        {rx.canRefill ? (
          <Choice
            type="checkbox"
            name="refill"
            value={rx.id}
            checked={selected}
            disabled={!selectable}
            onChange={onToggle}
            label={`Refill ${rx.drugName}`}
            hint={selectable ? undefined : 'Order refills for one person at a time.'}
          />
        ) : null}
        {rx.canTransferToHomeDelivery ? (
          <Link to="/members/transfers" search={{ prescriptionId: rx.id }}>
            Transfer to home delivery
            <span className="ds-u-visibility--screen-reader"> for {rx.drugName}</span>
          </Link>
        ) : null}
        {rx.canAskDoctor ? (
          <Link to="/members/ask-doctor" search={{ prescriptionId: rx.id }}>
            Ask my doctor for a new prescription
            <span className="ds-u-visibility--screen-reader"> for {rx.drugName}</span>
          </Link>
        ) : null}
        {rx.autoRefillEligible ? (
          <Link to="/members/auto-refill" search={{ prescriptionId: rx.id }}>
            Turn on automatic refills
            <span className="ds-u-visibility--screen-reader"> for {rx.drugName}</span>
          </Link>
        ) : null}
        {rx.openOrder ? (
          <Link to="/members/orders/$orderId" params={{ orderId: rx.openOrder.id }}>
            Track order {rx.openOrder.orderNumber}
          </Link>
        ) : null}
      </div>
    </li>
  );
}

// The member and status filters apply as they change; the search text when the form is sent.
const filters = prescriptionSearchRequest.pick({ status: true }).extend({
  memberId: z.string(),
  query: prescriptionSearchRequest.shape.query.unwrap(),
});

function Prescriptions() {
  const navigate = useNavigate();
  const form = useZodForm(filters, { defaultValues: { memberId: '', status: 'current', query: '' } });
  const [memberId, status] = form.watch(['memberId', 'status']);
  const [query, setQuery] = useState<string>();
  const [selected, setSelected] = useState<string[]>([]);
  const result = usePrescriptions({ memberId, status: status ?? 'current', query });
  const data = result.data;
  const selectedRx = data?.prescriptions.filter((rx) => selected.includes(rx.id)) ?? [];
  const selectedMember = selectedRx[0]?.memberId ?? null;
  const toggle = (id: string) =>
    setSelected((current) => (current.includes(id) ? current.filter((x) => x !== id) : [...current, id]));

  return (
    <>
      <Form
        form={form}
        className="rx-filters"
        onSubmit={(values) => setQuery(values.query)}
        aria-label="Find prescriptions"
      >
        {data && data.members.length > 1 ? (
          <Field
            name="memberId"
            label="Family member"
            options={[
              { value: '', label: 'Everyone I manage' },
              ...data.members.map((m) => ({
                value: m.memberId,
                label: `${m.firstName} ${m.lastName}${m.relationship === 'self' ? ' (you)' : ''}`,
              })),
            ]}
          />
        ) : null}
        <Field
          name="status"
          label="Show"
          options={[
            { value: 'current', label: 'Current prescriptions' },
            { value: 'past', label: 'Past prescriptions' },
            { value: 'all', label: 'All prescriptions' },
          ]}
        />
        <Field name="query" label="Search" hint="Drug, Rx number or prescriber" type="search" />
        <SubmitButton variation="outline" pending="Search">
          Search
        </SubmitButton>
      </Form>
      {data?.notice ? <p className="rx-notice">{data.notice}</p> : null}
      <QueryBoundary query={result} what="your prescriptions">
        {(data) =>
          data.prescriptions.length === 0 ? (
            <Alert heading="No prescriptions found" headingLevel="2">
              <p>Try another search or show all prescriptions.</p>
            </Alert>
          ) : (
            <ul className="rx-list" aria-label="Prescriptions">
              {data.prescriptions.map((rx) => (
                <PrescriptionCard
                  key={rx.id}
                  rx={rx}
                  selected={selected.includes(rx.id)}
                  selectable={!selectedMember || selectedMember === rx.memberId}
                  onToggle={() => toggle(rx.id)}
                />
              ))}
            </ul>
          )
        }
      </QueryBoundary>
      <div className="rx-refill-bar" aria-live="polite">
        <p>
          {selectedRx.length === 0
            ? 'Choose the prescriptions you want refilled by home delivery.'
            : `${selectedRx.length} selected for ${selectedRx[0]?.memberName}.`}
        </p>
        <Button
          variation="solid"
          disabled={selectedRx.length === 0}
          onClick={() =>
            navigate({ to: '/members/refill', search: { rx: selectedRx.map((r) => r.id).join(',') } })
          }
        >
          Refill selected by home delivery
        </Button>
      </div>
    </>
  );
}

export function PrescriptionsPage() {
  return (
    <Page
      title="Prescriptions"
      eyebrow="For members"
      heading="Prescriptions"
      lead="Your current and past prescriptions, and those of the family members you manage: refills left, when you can refill, and home delivery."
    >
      <PharmacyGate purpose="your prescriptions">
        <PharmacyNav />
        <Prescriptions />
      </PharmacyGate>
    </Page>
  );
}
