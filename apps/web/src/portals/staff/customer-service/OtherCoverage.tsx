// The member's other prescription coverage (coordination of benefits): what is on file, and a form to add it.
// Claims billed here first while another plan is primary are rejected 41 naming that plan.
import { Alert } from '@cmsgov/design-system';
import {
  OTHER_COVERAGE_TYPE_LABELS,
  type OtherCoverageList,
  otherCoverageRequest,
} from '@openpbm/shared/other-coverage';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { getJson, postJson } from '../../../components/api/client';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { Section } from '../../../components/content/Section';
import { Field, Form, SubmitButton, useZodForm } from '../../../components/form';
import { formatDate } from '../../../components/format/dates';

const DEFAULTS = {
  coverageType: '01',
  payerName: '',
  bin: '',
  pcn: '',
  groupId: '',
  cardholderId: '',
  personCode: '',
  helpDeskPhone: '',
  effectiveDate: '',
  terminationDate: '',
  reason: '',
};

function AddOtherCoverage({ url }: { url: string }) {
  const client = useQueryClient();
  const [done, setDone] = useState(false);
  const form = useZodForm(otherCoverageRequest as never, { defaultValues: DEFAULTS as never });
  async function onSubmit(values: unknown) {
    setDone(false);
    await postJson(url, values);
    form.reset(DEFAULTS as never);
    setDone(true);
    await client.invalidateQueries({ queryKey: ['support', 'staff', 'other-coverage', url] });
  }
  return (
    <div className="cs-card">
      <h3>Add other coverage</h3>
      <Form form={form} onSubmit={onSubmit as never} aria-label="Add other coverage">
        {done ? (
          <Alert heading="Saved" headingLevel="4" variation="success" role="status">
            <p>Claims now follow this order of payers.</p>
          </Alert>
        ) : null}
        <Field
          name="coverageType"
          label="The other plan pays"
          options={Object.entries(OTHER_COVERAGE_TYPE_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <Field name="payerName" label="Other plan's name" autoComplete="off" />
        <Field name="bin" label="BIN" inputMode="numeric" maxLength={6} hint="Six digits on the other card" />
        <Field name="pcn" label="PCN (optional)" maxLength={10} autoComplete="off" />
        <Field name="groupId" label="Group (optional)" maxLength={15} autoComplete="off" />
        <Field name="cardholderId" label="Member ID on the other card" maxLength={20} autoComplete="off" />
        <Field name="personCode" label="Person code (optional)" inputMode="numeric" maxLength={3} />
        <Field name="helpDeskPhone" label="Other plan's pharmacy help desk (optional)" type="tel" />
        <Field name="effectiveDate" label="Covered from" hint="YYYY-MM-DD" />
        <Field
          name="terminationDate"
          label="Covered until (optional)"
          hint="YYYY-MM-DD; empty if open-ended"
        />
        <Field
          name="reason"
          label="Why"
          hint="Recorded with the change, e.g. “Member called with a new employer plan”"
        />
        <SubmitButton pending="Saving…">Add other coverage</SubmitButton>
      </Form>
    </div>
  );
}

export function OtherCoverage({ memberId }: { memberId: string }) {
  const url = `/api/support/staff/members/${memberId}/other-coverage`;
  const query = useQuery({
    queryKey: ['support', 'staff', 'other-coverage', url],
    queryFn: () => getJson<OtherCoverageList>(url),
  });
  return (
    <Section
      heading="Other coverage (coordination of benefits)"
      intro="Another plan that pays first makes pharmacies bill it before this plan."
    >
      <QueryBoundary query={query} what="the other coverage">
        {(data) => (
          <ul className="cs-list">
            {data.otherCoverage.length === 0 ? <li>None on file.</li> : null}
            {data.otherCoverage.map((c) => (
              <li key={c.id}>
                {c.payerName} · {OTHER_COVERAGE_TYPE_LABELS[c.coverageType]} · BIN {c.bin}
                {c.pcn ? ` · PCN ${c.pcn}` : ''} · member ID {c.cardholderIdMasked} · from{' '}
                {formatDate(c.effectiveDate)}
                {c.terminationDate ? ` to ${formatDate(c.terminationDate)}` : ''}
                {c.source === 'eligibility_file' ? ' · from the eligibility file' : ''}
              </li>
            ))}
          </ul>
        )}
      </QueryBoundary>
      <div className="cs-grid">
        <AddOtherCoverage url={url} />
      </div>
    </Section>
  );
}
