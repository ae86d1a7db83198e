import { Button } from '@cmsgov/design-system';
import {
  CLAIM_STATUS_LABELS,
  type ClaimsHistoryResponse,
  type ViewableMember,
} from '@openpbm/shared/benefits';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { LoadError } from '../../../components/content/LoadError';
import { Loading } from '../../../components/content/Loading';
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

type ClaimRow = ClaimsHistoryResponse['claims'][number];

/** Which claims the list shows: every claim by default, so a rejected fill and its reason are never hidden. */
const SHOW = {
  all: { label: 'All activity', keep: (_claim: ClaimRow) => true },
  paid: { label: 'Paid and reversed (with receipts)', keep: (claim: ClaimRow) => claim.hasReceipt },
  notPaid: {
    label: 'Not paid or pending',
    keep: (claim: ClaimRow) => claim.status === 'rejected' || claim.status === 'captured',
  },
} as const;
type Show = keyof typeof SHOW;

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

/** A rejected claim's reasons in plain words, each with what to do next (and where, when the site can help). */
function RejectReasons({ claim }: { claim: ClaimRow }) {
  return (
    <div className="claim-reasons">
      <span className="claim-reasons__heading">Why it was not paid</span>
      <ul className="claim-reasons__list">
        {claim.rejectReasons.map((reason) => (
          <li key={reason.code}>
            <strong>{reason.title}.</strong> {reason.explanation} {reason.nextStep}
            {reason.action ? (
              <>
                {' '}
                <a href={reason.action.href}>{reason.action.label}</a>
              </>
            ) : null}
            <span className="claim-reasons__code"> (code {reason.code})</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function StatusCell({ claim }: { claim: ClaimRow }) {
  return (
    <>
      <span className={`claim-status claim-status--${claim.status}`}>
        {CLAIM_STATUS_LABELS[claim.status]}
      </span>
      {claim.status === 'rejected' ? <RejectReasons claim={claim} /> : null}
      {claim.status === 'reversed' || claim.status === 'captured' ? (
        <span className="claims-table__sub">{claim.statusNote}</span>
      ) : null}
    </>
  );
}

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
        </>
      ),
    },
    { title: 'Status', cell: (claim) => <StatusCell claim={claim} /> },
    { title: 'Pharmacy', cell: (claim) => claim.pharmacyName ?? '—' },
    amount('Plan paid', (claim) => claim.planPaidCents),
    amount('You paid', (claim) => claim.youPaidCents),
    amount('Applied to deductible', (claim) => claim.appliedToDeductibleCents),
    amount('Applied to out-of-pocket', (claim) => claim.appliedToOopCents),
    {
      title: 'Receipt',
      className: 'no-print',
      headClassName: 'no-print',
      cell: (claim) =>
        claim.hasReceipt ? (
          <Link to="/members/claims/$memberId/$claimId" params={{ memberId, claimId: claim.claimId }}>
            View receipt
            <span className="ds-u-visibility--screen-reader">
              {' '}
              for {claim.drugName}, {formatDate(claim.dateOfService)}
            </span>
          </Link>
        ) : (
          '—'
        ),
    },
  ];
}

function ClaimsTable({ history, rows }: { history: ClaimsHistoryResponse; rows: ClaimRow[] }) {
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
      rows={rows}
      rowKey={(claim) => claim.claimId}
      rowClassName={(claim) => `claims-table__${claim.status}`}
      empty="No claims to show."
    />
  );
}

function claimsIntro(data: ClaimsHistoryResponse): string {
  if (data.claims.length === 0) return 'No pharmacy claims in this plan year yet.';
  const { claimCount, planPaidCents, youPaidCents } = data.totals;
  const paid = `${claimCount} paid ${claimCount === 1 ? 'claim' : 'claims'}: your plan paid ${formatCents(planPaidCents)} and you paid ${formatCents(youPaidCents)}.`;
  const notPaid = data.claims.filter((claim) => claim.status === 'rejected').length;
  if (notPaid === 0) return paid;
  return `${paid} ${notPaid} ${notPaid === 1 ? 'claim was' : 'claims were'} not paid: the reason and what you can do are shown with ${notPaid === 1 ? 'it' : 'each'}.`;
}

function ClaimsHistory({ members, notice }: { members: ViewableMember[]; notice: string | null }) {
  const [memberId, setMemberId] = useState(members[0]?.memberId ?? '');
  const [planYear, setPlanYear] = useState<number | null>(null);
  const [show, setShow] = useState<Show>('all');
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
        <SelectField
          name="show"
          label="Show"
          value={show}
          onChange={(change) => setShow(change.target.value as Show)}
          options={(Object.keys(SHOW) as Show[]).map((key) => ({ value: key, label: SHOW[key].label }))}
        />
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
          <Section heading="Claims" intro={claimsIntro(data)}>
            {data.claims.length > 0 ? (
              <ClaimsTable history={data} rows={data.claims.filter(SHOW[show].keep)} />
            ) : null}
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
      lead="Every pharmacy claim this plan year: what your plan paid, what you paid and what counted toward your deductible and out-of-pocket maximum; and for a claim that was not paid, why and what you can do."
    >
      <MemberGate purpose="your claims">
        {(members, notice) => <ClaimsHistory members={members} notice={notice} />}
      </MemberGate>
    </Page>
  );
}
