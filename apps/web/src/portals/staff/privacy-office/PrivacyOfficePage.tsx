// The privacy officer's console: publish a notice (or a merger or sale notice with its banner), log a legal or
// compelled disclosure, and produce the de-identified claims extract.
import { Alert, Table, TableBody, TableCaption, TableCell, TableHead, TableRow } from '@cmsgov/design-system';
import {
  type DeidentifiedExtract,
  type LegalRequestView,
  type NoticeView,
  publishNoticeRequest,
} from '@openpbm/shared/privacy';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { getJson, postJson } from '../../../components/api/client';
import { ButtonLink } from '../../../components/content/ButtonLink';
import { Page } from '../../../components/content/Page';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { Section } from '../../../components/content/Section';
import { Field, Form, SubmitButton, useZodForm } from '../../../components/form';
import { formatDate } from '../../../components/format/dates';
import { formatCount } from '../../../components/format/money';
import { LegalRequestForm } from './LegalRequestForm';

const KINDS = [
  { value: 'notice', label: 'Privacy notice (new version)' },
  { value: 'business_transfer', label: 'Merger or sale of the business (shows a banner)' },
];

function PublishNotice() {
  const client = useQueryClient();
  const form = useZodForm(publishNoticeRequest, {
    defaultValues: { kind: 'notice', title: '', bodyMarkdown: '', summaryOfChanges: '', effectiveDate: '' },
  });
  const [published, setPublished] = useState<NoticeView | null>(null);
  async function publish(values: unknown) {
    setPublished(null);
    const notice = await postJson<NoticeView>('/api/privacy/notices', values);
    await client.invalidateQueries({ queryKey: ['privacy', 'notices'] });
    form.reset();
    setPublished(notice);
  }
  return (
    <Section
      heading="Publish a notice"
      intro="Every member and plan-sponsor user is e-mailed what changed and how to opt out."
    >
      <Form form={form} onSubmit={publish} aria-label="Publish a notice">
        {published ? (
          <Alert variation="success" headingLevel="3" heading="Published" role="status">
            Version {published.version} is public and the e-mails are on their way.
          </Alert>
        ) : null}
        <Field name="kind" label="Kind" options={KINDS} />
        <Field name="title" label="Title" />
        <Field name="effectiveDate" label="Effective date" hint="YYYY-MM-DD" inputMode="numeric" />
        <Field name="summaryOfChanges" label="Summary of changes" rows={3} hint="Sent in the e-mail." />
        <Field
          name="bodyMarkdown"
          label="Notice text (Markdown)"
          rows={10}
          hint="# headings, paragraphs, - lists and **bold**."
        />
        <SubmitButton pending="Publishing…">Publish and e-mail everyone</SubmitButton>
      </Form>
    </Section>
  );
}

function LegalRequests() {
  const query = useQuery({
    queryKey: ['privacy', 'legal-requests'],
    queryFn: () => getJson<LegalRequestView[]>('/api/privacy/legal-requests'),
  });
  return (
    <Section heading="Legal and compelled disclosures">
      <LegalRequestForm />
      <QueryBoundary query={query} what="the legal requests">
        {(requests) =>
          requests.length === 0 ? (
            <p>No legal requests are logged.</p>
          ) : (
            <Table stackable stackableBreakpoint="md" compact>
              <TableCaption>Logged requests, newest first</TableCaption>
              <TableHead>
                <TableRow>
                  <TableCell>Requester</TableCell>
                  <TableCell>Due</TableCell>
                  <TableCell>Members</TableCell>
                  <TableCell>Client told</TableCell>
                  <TableCell>Disclosure package</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {requests.map((r) => (
                  <TableRow key={r.id}>
                    <TableCell stackedTitle="Requester">{r.requester}</TableCell>
                    <TableCell stackedTitle="Due">{formatDate(r.dueDate)}</TableCell>
                    <TableCell stackedTitle="Members">{r.members}</TableCell>
                    <TableCell stackedTitle="Client told">
                      {r.clientsNotifiedAt
                        ? 'Yes'
                        : r.notificationProhibited
                          ? `Held until ${formatDate(r.prohibitedUntil)}`
                          : 'Not yet'}
                    </TableCell>
                    <TableCell stackedTitle="Disclosure package">
                      <a href={`/api/privacy/legal-requests/${r.id}/package.pdf`} download>
                        PDF<span className="ds-u-visibility--screen-reader"> for {r.requester}</span>
                      </a>
                      {' · '}
                      <a href={`/api/privacy/legal-requests/${r.id}/package`} download>
                        FHIR JSON<span className="ds-u-visibility--screen-reader"> for {r.requester}</span>
                      </a>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )
        }
      </QueryBoundary>
    </Section>
  );
}

function Extract() {
  const year = new Date().getUTCFullYear() - 1;
  const query = useQuery({
    queryKey: ['privacy', 'extract', year],
    queryFn: () => getJson<DeidentifiedExtract>(`/api/privacy/deidentified/claims-extract?year=${year}`),
  });
  return (
    <Section heading={`De-identified claims extract, ${year}`}>
      <QueryBoundary query={query} what="the extract">
        {(extract) => (
          <p data-testid="extract-summary">
            {formatCount(extract.rows.length)} paid claims; {extract.optedOutMembersLeftOut} members who opted
            out were left out. Columns: {extract.columns.join(', ')}.
          </p>
        )}
      </QueryBoundary>
    </Section>
  );
}

export function PrivacyOfficePage() {
  return (
    <Page
      title="Privacy office"
      heading="Privacy office"
      eyebrow="Staff"
      lead="Publish notices, log legal disclosures and produce their packages."
      actions={
        <>
          <ButtonLink to="/staff/privacy-office/audit">Search the audit log</ButtonLink>{' '}
          <ButtonLink to="/staff/privacy-office/research">Research claims extract</ButtonLink>
        </>
      }
    >
      <PublishNotice />
      <LegalRequests />
      <Extract />
    </Page>
  );
}
