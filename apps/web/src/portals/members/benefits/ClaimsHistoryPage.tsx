import {
  Button,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableRow,
} from '@cmsgov/design-system';
import type { ClaimsHistoryResponse, ViewableMember } from '@openpbm/shared/benefits';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { Page } from '../../../components/content/Page';
import { Section } from '../../../components/content/Section';
import { SelectField } from '../../../components/form/SelectField';
import { formatDate } from '../../../components/format/dates';
import { formatCents, formatQuantity } from '../../../components/format/money';
import { getJson } from './api';
import { MemberGate } from './MemberGate';
import { MemberPicker } from './MemberPicker';
import { PaidSoFar } from './PaidSoFar';
import './members.css';
import { LoadError } from '../../../components/content/LoadError';
import { Loading } from '../../../components/content/Loading';

function useClaimsHistory(memberId: string, planYear: number | null) {
  return useQuery({
    queryKey: ['benefits', 'claims', memberId, planYear],
    queryFn: () =>
      getJson<ClaimsHistoryResponse>(
        `/api/benefits/members/${memberId}/claims${planYear ? `?planYear=${planYear}` : ''}`,
      ),
  });
}

function ClaimsTable({ history }: { history: ClaimsHistoryResponse }) {
  return (
    <Table className="claims-table" stackable stackableBreakpoint="lg" compact>
      <TableCaption>
        Pharmacy claims for {history.memberName}
        {history.planYear ? `, plan year ${history.planYear.year}` : ''}
      </TableCaption>
      <TableHead>
        <TableRow>
          <TableCell>Date filled</TableCell>
          <TableCell>Drug</TableCell>
          <TableCell>Pharmacy</TableCell>
          <TableCell>Plan paid</TableCell>
          <TableCell>You paid</TableCell>
          <TableCell>Applied to deductible</TableCell>
          <TableCell>Applied to out-of-pocket</TableCell>
          <TableCell className="no-print">Receipt</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {history.claims.map((claim) => {
          const reversed = claim.status === 'reversed';
          return (
            <TableRow key={claim.claimId} className={reversed ? 'claims-table__reversed' : undefined}>
              <TableCell stackedTitle="Date filled">{formatDate(claim.dateOfService)}</TableCell>
              <TableCell component="th" scope="row" stackedTitle="Drug">
                {claim.drugName}
                <span className="claims-table__sub">
                  Qty {formatQuantity(claim.quantity)}
                  {claim.daysSupply ? `, ${claim.daysSupply} days` : ''}
                  {claim.rxNumber ? ` · Rx ${claim.rxNumber}` : ''}
                </span>
                {reversed ? (
                  <span className="claims-table__status">Reversed: not charged, does not count</span>
                ) : null}
              </TableCell>
              <TableCell stackedTitle="Pharmacy">{claim.pharmacyName ?? '—'}</TableCell>
              <TableCell stackedTitle="Plan paid" className="quote-amount">
                {formatCents(claim.planPaidCents)}
              </TableCell>
              <TableCell stackedTitle="You paid" className="quote-amount">
                {formatCents(claim.youPaidCents)}
              </TableCell>
              <TableCell stackedTitle="Applied to deductible" className="quote-amount">
                {formatCents(claim.appliedToDeductibleCents)}
              </TableCell>
              <TableCell stackedTitle="Applied to out-of-pocket" className="quote-amount">
                {formatCents(claim.appliedToOopCents)}
              </TableCell>
              <TableCell stackedTitle="Receipt" className="no-print">
                <Link
                  to="/members/claims/$memberId/$claimId"
                  params={{ memberId: history.memberId, claimId: claim.claimId }}
                >
                  View receipt
                  <span className="ds-u-visibility--screen-reader">
                    {' '}
                    for {claim.drugName}, {formatDate(claim.dateOfService)}
                  </span>
                </Link>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

function ClaimsHistory({ members, notice }: { members: ViewableMember[]; notice: string | null }) {
  const [memberId, setMemberId] = useState(members[0]?.memberId ?? '');
  const [planYear, setPlanYear] = useState<number | null>(null);
  const history = useClaimsHistory(memberId, planYear);
  const data = history.data;

  return (
    <>
      <div className="claims-controls no-print">
        <MemberPicker
          members={members}
          notice={notice}
          value={memberId}
          onChange={(id) => {
            setMemberId(id);
            setPlanYear(null);
          }}
        />
        {data && data.planYears.length > 1 ? (
          <SelectField
            name="planYear"
            label="Plan year"
            value={String(data.planYear?.year ?? '')}
            onChange={(change) => setPlanYear(Number(change.target.value))}
            options={data.planYears.map((year) => ({ value: String(year), label: String(year) }))}
          />
        ) : null}
      </div>
      {history.isPending ? <Loading what="claims" /> : null}
      {history.error ? <LoadError error={history.error} what="the claims" /> : null}
      {data ? (
        <>
          <p className="print-only print-header">
            {data.memberName} · {data.planName ?? 'Pharmacy plan'}
            {data.planYear
              ? ` · Plan year ${formatDate(data.planYear.startDate)} to ${formatDate(data.planYear.endDate)}`
              : ''}
          </p>
          {data.paidSoFar ? (
            <Section heading="What you’ve paid so far">
              <PaidSoFar summary={data.paidSoFar} who={data.memberName} />
            </Section>
          ) : null}
          <Section
            heading="Claims"
            intro={
              data.claims.length === 0
                ? 'No pharmacy claims in this plan year yet.'
                : `${data.totals.claimCount} paid ${data.totals.claimCount === 1 ? 'claim' : 'claims'}: your plan paid ${formatCents(data.totals.planPaidCents)} and you paid ${formatCents(data.totals.youPaidCents)}.`
            }
          >
            {data.claims.length > 0 ? <ClaimsTable history={data} /> : null}
            <Button className="no-print ds-u-margin-top--3" onClick={() => window.print()}>
              Print claims
            </Button>
          </Section>
        </>
      ) : null}
    </>
  );
}

export function ClaimsHistoryPage() {
  return (
    <Page
      title="Claims and receipts"
      eyebrow="For members"
      heading="Claims and receipts"
      lead="Every prescription your plan paid for this plan year: what it cost, what your plan paid, what you paid, and what counted toward your deductible and out-of-pocket maximum."
    >
      <MemberGate purpose="your claims">
        {(members, notice) => <ClaimsHistory members={members} notice={notice} />}
      </MemberGate>
    </Page>
  );
}
