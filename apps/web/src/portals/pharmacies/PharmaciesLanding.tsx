import { NoteBox } from '@cmsgov/design-system';
import { Page } from '../../components/content/Page';
import { Section } from '../../components/content/Section';
import { rejectCodes, transactions } from './ncpdpReference';
import { ReferenceTable } from './ReferenceTable';

export function PharmaciesLanding() {
  return (
    <Page
      title="Pharmacies"
      eyebrow="For network pharmacies"
      heading="Claims processing"
      lead="OpenPBM adjudicates pharmacy claims in real time using the NCPDP Telecommunication Standard, version D.0."
    >
      <Section heading="Routing a claim to OpenPBM">
        <dl className="routing-list">
          <div>
            <dt>BIN</dt>
            <dd>
              Bank Identification Number: sends the claim to OpenPBM. It is printed on the member’s ID card.
            </dd>
          </div>
          <div>
            <dt>PCN</dt>
            <dd>Processor Control Number: selects the benefit plan. Also printed on the ID card.</dd>
          </div>
          <div>
            <dt>Group</dt>
            <dd>The member’s group number, from the ID card. Send it with every claim.</dd>
          </div>
        </dl>
      </Section>
      <Section heading="NCPDP D.0 endpoint">
        <p>
          Claims reach OpenPBM over an encrypted connection, directly or through your switch. Each pharmacy is
          identified by its NCPDP provider ID (or NPI) and a client certificate. The endpoint address and your
          certificate are issued when your pharmacy joins the network.
        </p>
        <ReferenceTable
          caption="Transactions we accept"
          columns={['Code', 'Transaction', 'When to use it']}
          rows={transactions.map((t) => [t.code, t.name, t.use])}
        />
      </Section>
      <Section heading="Reject codes">
        <p>When a claim cannot be paid, the response carries an NCPDP reject code. The most common are:</p>
        <ReferenceTable
          caption="Common reject codes"
          columns={['Code', 'Meaning']}
          rows={rejectCodes.map((r) => [r.code, r.meaning])}
        />
      </Section>
      <NoteBox heading="Prior authorization required (reject 75)?" headingLevel="2" className="page-note">
        <p>
          Ask the prescriber to submit a prior authorization request. Once it is approved, resubmit the claim.
        </p>
      </NoteBox>
    </Page>
  );
}
