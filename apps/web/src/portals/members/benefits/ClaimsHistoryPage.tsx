import { Button } from '@cmsgov/design-system';
import type { ClaimsHistoryResponse, ViewableMember } from '@openpbm/shared/benefits';

type ClaimRow = ClaimsHistoryResponse['claims'][number];

import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { Page } from '../../../components/content/Page';
import { type QueueColumn, QueueTable } from '../../../components/content/QueueTable';
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

const amount = (title: string, cents: (claim: ClaimRow) => number | null) =>
  ({ title, className: 'quote-amount', cell: (claim: ClaimRow) => formatCents(cents(claim)) }) as const;

function claimColumns(memberId: string): ReadonlyArray<QueueColumn<ClaimRow>> {
  return [
    { title: 'Date filled', cell: (claim) => formatDate(claim.dateOfService) },
    {
      title: 'Drug',
      rowHeader: true,
      cell: (claim) => (
        <>
          {claim.drugName}
          <span className="claims-table__sub">
            Qty {formatQuantity(claim.quantity)}
            {claim.daysSupply ? `, ${claim.daysSupply} days` : ''}
            {claim.rxNumber ? ` · Rx ${claim.rxNumber}` : ''}
          </span>
          {claim.status === 'reversed' ? (
            <span className="claims-table__status">Reversed: not charged, does not count</span>
          ) : null}
        </>
      ),
    },
    { title: 'Pharmacy', cell: (claim) => claim.pharmacyName ?? '—' },
    amount('Plan paid', (claim) => claim.planPaidCents),
    amount('You paid', (claim) => claim.youPaidCents),
    amount('Applied to deductible', (claim) => claim.appliedToDeductibleCents),
    amount('Applied to out-of-pocket', (claim) => claim.appliedToOopCents),
    {
      title: 'Receipt',
      className: 'no-print',
      headClassName: 'no-print',
      cell: (claim) => (
        <Link to="/members/claims/$memberId/$claimId" params={{ memberId, claimId: claim.claimId }}>
          View receipt
          <span className="ds-u-visibility--screen-reader">
            {' '}
            for {claim.drugName}, {formatDate(claim.dateOfService)}
          </span>
        </Link>
      ),
    },
  ];
}

function ClaimsTable({ history }: { history: ClaimsHistoryResponse }) {
  return (
    <QueueTable
      caption={
        <>
          Pharmacy claims for {history.memberName}
          {history.planYear ? `, plan year ${history.planYear.year}` : ''}
        </>
      }
      className="claims-table"
      breakpoint="lg"
      columns={claimColumns(history.memberId)}
      rows={history.claims}
      rowKey={(claim) => claim.claimId}
      rowClassName={(claim) => (claim.status === 'reversed' ? 'claims-table__reversed' : undefined)}
      empty="No claims."
    />
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
