// The privacy officer's audit viewer: search the audit log by member ID, staff ID, action and UTC dates, a page
// at a time; each row shows whether it still links into the hash chain, and the whole chain can be checked.
// Every search is itself recorded in the audit log.
import {
  Alert,
  Button,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableRow,
} from '@cmsgov/design-system';
import { type AuditChainStatus, type AuditSearchResponse, auditSearchQuery } from '@openpbm/shared/privacy';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { getJson, postJson } from '../../../components/api/client';
import { ActionError } from '../../../components/content/ActionError';
import { Page } from '../../../components/content/Page';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { Section } from '../../../components/content/Section';
import { Field, Form, FormActions, SubmitButton, useZodForm } from '../../../components/form';
import { formatInstant } from '../../../components/format/dates';

// Empty boxes mean "any": '' becomes undefined before the shared rules check what was typed.
const blankIsAny = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema);
const q = auditSearchQuery.shape;
const filtersSchema = z.object({
  memberNumber: blankIsAny(q.memberNumber),
  actor: blankIsAny(q.actor),
  action: blankIsAny(q.action),
  from: blankIsAny(q.from),
  to: blankIsAny(q.to),
});
type Filters = z.output<typeof filtersSchema>;

const words = (snake: string | null) => (snake ? snake.replace(/_/g, ' ') : '—');

function queryString(filters: Filters, page: number): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) params.set(k, String(v));
  params.set('page', String(page));
  return params.toString();
}

function Results({
  filters,
  page,
  setPage,
}: {
  filters: Filters;
  page: number;
  setPage: (p: number) => void;
}) {
  const query = useQuery({
    queryKey: ['privacy', 'audit', filters, page],
    queryFn: () => getJson<AuditSearchResponse>(`/api/privacy/audit-events?${queryString(filters, page)}`),
    placeholderData: keepPreviousData,
  });
  return (
    <QueryBoundary query={query} what="the audit log">
      {(result) => (
        <>
          <p role="status" data-testid="audit-page-status">
            Page {result.page}: {result.rows.length} rows.{' '}
            {result.pageChainOk
              ? 'Every row on this page links into the hash chain.'
              : 'Some rows on this page do not match the hash chain: see the Chain column.'}
          </p>
          {result.rows.length === 0 ? (
            <p>No audit rows match these filters.</p>
          ) : (
            <Table stackable stackableBreakpoint="md" compact>
              <TableCaption>Audit rows, newest first (times in UTC)</TableCaption>
              <TableHead>
                <TableRow>
                  <TableCell>When (UTC)</TableCell>
                  <TableCell>Actor</TableCell>
                  <TableCell>Action</TableCell>
                  <TableCell>Record</TableCell>
                  <TableCell>Member ID</TableCell>
                  <TableCell>Purpose</TableCell>
                  <TableCell>Chain</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {result.rows.map((r) => (
                  <TableRow key={r.seq}>
                    <TableCell stackedTitle="When (UTC)">{formatInstant(r.at, 'UTC')}</TableCell>
                    <TableCell stackedTitle="Actor">
                      {words(r.actorRole)}
                      {r.staffId ? ` ${r.staffId}` : ''}
                    </TableCell>
                    <TableCell stackedTitle="Action">{words(r.action)}</TableCell>
                    <TableCell stackedTitle="Record">{words(r.resourceType)}</TableCell>
                    <TableCell stackedTitle="Member ID">{r.memberNumber ?? '—'}</TableCell>
                    <TableCell stackedTitle="Purpose">{words(r.reason)}</TableCell>
                    <TableCell stackedTitle="Chain">
                      {r.chainOk ? 'Intact' : <strong>Broken at row {r.seq}</strong>}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
          <nav aria-label="Audit pages" className="ds-u-display--flex ds-u-margin-top--2">
            <Button disabled={page <= 1} onClick={() => setPage(page - 1)} className="ds-u-margin-right--2">
              Previous page
            </Button>
            <Button disabled={!result.hasMore} onClick={() => setPage(page + 1)}>
              Next page
            </Button>
          </nav>
        </>
      )}
    </QueryBoundary>
  );
}

function WholeChain() {
  const check = useMutation({
    mutationFn: () => postJson<AuditChainStatus>('/api/privacy/audit-events/verification', {}),
  });
  return (
    <Section
      heading="Whole chain"
      intro="Recomputes every row's hash from the first row on, as npm run audit:verify does."
    >
      {check.data ? (
        <Alert
          variation={check.data.ok ? 'success' : 'error'}
          headingLevel="3"
          heading={check.data.ok ? 'The audit chain is intact' : `Broken at row ${check.data.firstBrokenSeq}`}
          role="status"
        >
          {check.data.rowsChecked} rows checked at {formatInstant(check.data.checkedAt, 'UTC')} UTC.
        </Alert>
      ) : null}
      {check.error ? <ActionError error={check.error} heading="The check did not run" /> : null}
      <Button onClick={() => check.mutate()} disabled={check.isPending}>
        {check.isPending ? 'Checking…' : 'Check the whole chain'}
      </Button>
    </Section>
  );
}

export function AuditViewerPage() {
  const [filters, setFilters] = useState<Filters | null>(null);
  const [page, setPage] = useState(1);
  const form = useZodForm(filtersSchema, {
    defaultValues: { memberNumber: '', actor: '', action: '', from: '', to: '' },
  });
  return (
    <Page
      title="Audit log"
      heading="Audit log"
      eyebrow="Privacy office"
      lead="Who did what to whose record. Your searches are recorded in the audit log too."
    >
      <Section heading="Search">
        <Form
          form={form}
          aria-label="Search the audit log"
          onSubmit={(values) => {
            setFilters(values);
            setPage(1);
          }}
        >
          <Field name="memberNumber" label="Member ID (optional)" />
          <Field name="actor" label="Staff ID or user id (optional)" hint="For example S-1A2B3C4D." />
          <Field name="action" label="Action (optional)" hint="For example viewed, disclosed, signed_in." />
          <Field name="from" label="From (optional)" hint="YYYY-MM-DD, UTC" inputMode="numeric" />
          <Field name="to" label="To (optional)" hint="YYYY-MM-DD, UTC, included" inputMode="numeric" />
          <FormActions>
            <SubmitButton pending="Searching…">Search</SubmitButton>
          </FormActions>
        </Form>
      </Section>
      {filters ? (
        <Section heading="Results">
          <Results filters={filters} page={page} setPage={setPage} />
        </Section>
      ) : null}
      <WholeChain />
    </Page>
  );
}
