import { Alert, Button } from '@cmsgov/design-system';
import { CHANNEL_LABELS, type ClaimReceiptResponse, TIER_LABELS } from '@openpbm/shared/benefits';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { Page } from '../../../components/content/Page';
import { Section } from '../../../components/content/Section';
import { formatDate } from '../../../components/format/dates';
import { formatCents, formatQuantity } from '../../../components/format/money';
import { ApiError, getJson, isSignedOut } from './api';
import { PaidSoFar } from './PaidSoFar';
import './members.css';
import { ErrorAlert } from '../../../components/content/ErrorAlert';
import { Loading } from '../../../components/content/Loading';

function Row({ label, value }: { label: string; value: string }) {
  return (
    <div className="receipt__row">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function Receipt({ receipt }: { receipt: ClaimReceiptResponse }) {
  const { claim, plan, member } = receipt;
  const reversed = claim.status === 'reversed';
  return (
    <div className="receipt">
      {reversed ? (
        <Alert variation="warn" heading="This claim was reversed" headingLevel="2">
          <p>
            The pharmacy took this claim back, so nothing on it was charged or counted toward your limits.
          </p>
        </Alert>
      ) : null}
      <Section heading="Prescription">
        <dl className="receipt__list">
          <Row label="Member" value={member.name} />
          <Row label="Drug" value={claim.drugName} />
          {claim.ndc ? <Row label="NDC" value={claim.ndc} /> : null}
          <Row
            label="Quantity"
            value={`${formatQuantity(claim.quantity)}${claim.daysSupply ? ` for ${claim.daysSupply} days` : ''}`}
          />
          <Row label="Date filled" value={formatDate(claim.dateOfService)} />
          {claim.rxNumber ? <Row label="Rx number" value={claim.rxNumber} /> : null}
          {claim.tier ? <Row label="Tier" value={TIER_LABELS[claim.tier as 1 | 2 | 3 | 4]} /> : null}
          {claim.channel ? <Row label="Filled through" value={CHANNEL_LABELS[claim.channel]} /> : null}
          {claim.authorizationNumber ? (
            <Row label="Claim authorization" value={claim.authorizationNumber} />
          ) : null}
        </dl>
      </Section>
      {claim.pharmacy ? (
        <Section heading="Pharmacy">
          <address className="receipt__address">
            {claim.pharmacy.name}
            <br />
            {claim.pharmacy.addressLine1}
            <br />
            {claim.pharmacy.city}, {claim.pharmacy.state} {claim.pharmacy.zip}
            <br />
            Phone {claim.pharmacy.phone} · NPI {claim.pharmacy.npi}
          </address>
        </Section>
      ) : null}
      <Section heading="Who paid what">
        <dl className="receipt__list receipt__list--money">
          <Row label="Drug cost (ingredients)" value={formatCents(claim.ingredientCostCents)} />
          <Row label="Pharmacy dispensing fee" value={formatCents(claim.dispensingFeeCents)} />
          <Row label="Total" value={formatCents(claim.totalCents)} />
          <Row label="Your plan paid" value={formatCents(claim.planPaidCents)} />
          <Row label="You paid" value={formatCents(claim.youPaidCents)} />
          <Row label="Applied to your deductible" value={formatCents(claim.appliedToDeductibleCents)} />
          <Row label="Applied to your out-of-pocket maximum" value={formatCents(claim.appliedToOopCents)} />
        </dl>
      </Section>
      {receipt.paidSoFar ? (
        <Section heading="Your totals for this plan year">
          <PaidSoFar summary={receipt.paidSoFar} who={member.name} />
        </Section>
      ) : null}
      {plan ? (
        <p className="receipt__plan">
          {plan.name} · BIN {plan.bin} · PCN {plan.pcn} · Group {plan.rxGroup} · Questions? Call{' '}
          {plan.customerServicePhone}
        </p>
      ) : null}
      <p className="receipt__issued">This is not a bill. Issued {formatDate(receipt.issuedOn)}.</p>
    </div>
  );
}

export function ClaimReceiptPage() {
  const { memberId, claimId } = useParams({ from: '/members/claims/$memberId/$claimId' });
  const receipt = useQuery({
    queryKey: ['benefits', 'receipt', memberId, claimId],
    queryFn: () => getJson<ClaimReceiptResponse>(`/api/benefits/members/${memberId}/claims/${claimId}`),
    retry: false,
  });
  const heading = receipt.data ? `Receipt: ${receipt.data.claim.drugName}` : 'Claim receipt';
  return (
    <Page
      title="Claim receipt"
      eyebrow="Explanation of benefits"
      heading={heading}
      lead={
        receipt.data
          ? `Filled ${formatDate(receipt.data.claim.dateOfService)} for ${receipt.data.member.name}`
          : undefined
      }
      actions={
        receipt.data ? (
          <Button variation="solid" className="no-print" onClick={() => window.print()}>
            Print receipt
          </Button>
        ) : undefined
      }
    >
      <p className="no-print">
        <Link to="/members/claims">Back to claims</Link>
      </p>
      {receipt.isPending ? <Loading what="the receipt" /> : null}
      {receipt.error ? (
        <ErrorAlert
          heading={
            isSignedOut(receipt.error) ? 'Sign in to see this receipt' : 'We could not find this receipt'
          }
        >
          <p>
            {isSignedOut(receipt.error) ? (
              <Link to="/sign-in">Sign in</Link>
            ) : receipt.error instanceof ApiError && receipt.error.status === 404 ? (
              'It may belong to someone else’s account, or the link is incomplete.'
            ) : (
              'Please try again in a few minutes.'
            )}
          </p>
        </ErrorAlert>
      ) : null}
      {receipt.data ? <Receipt receipt={receipt.data} /> : null}
    </Page>
  );
}
