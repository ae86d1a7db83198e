import { Alert, Table, TableBody, TableCaption, TableCell, TableHead, TableRow } from '@cmsgov/design-system';
import {
  type AccessRequestInput,
  type AccessRequestView,
  accessRequestInput,
  CLIENT_TOOL_LABELS,
  CLIENT_TOOLS,
  type MyAccessView,
} from '@openpbm/shared/client-portal';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { getJson, postJson } from '../../components/api/client';
import { Page } from '../../components/content/Page';
import { QueryBoundary } from '../../components/content/QueryBoundary';
import { Section } from '../../components/content/Section';
import { ChoiceField, Field, Form, SubmitButton, useZodForm } from '../../components/form';
import { formatInstant } from '../../components/format/dates';
import './clients.css';

const ACCESS_KEY = ['clients', 'me', 'access'];

function RequestClock({ request }: { request: AccessRequestView }) {
  if (request.status !== 'pending')
    return (
      <>
        {request.status === 'approved' ? 'Approved' : 'Denied'} {formatInstant(request.decidedAt)}
        {request.decisionReason ? `: ${request.decisionReason}` : ''}
      </>
    );
  return (
    <span className="clients-clock">
      Waiting for the account team, day {request.daysWaiting + 1} of 10. Expected by{' '}
      {formatInstant(request.expectedBy)}.
    </span>
  );
}

function RequestForm() {
  const queryClient = useQueryClient();
  const form = useZodForm(accessRequestInput, { defaultValues: { clientCode: '', tools: [], note: '' } });
  const [sent, setSent] = useState(false);
  async function ask(values: AccessRequestInput) {
    setSent(false);
    await postJson('/api/clients/access-requests', { ...values, note: values.note || undefined });
    form.reset({ clientCode: '', tools: [], note: '' });
    setSent(true);
    await queryClient.invalidateQueries({ queryKey: ACCESS_KEY });
  }
  return (
    <Form form={form} onSubmit={ask} aria-label="Request access" className="clients-panel">
      {sent ? (
        <Alert heading="Request sent" headingLevel="3" variation="success" role="status">
          The account team confirms requests within 10 days. You can follow it above.
        </Alert>
      ) : null}
      <Field
        name="clientCode"
        label="Client number"
        hint="For example CL1001. Ask your benefits team if you don’t know it."
      />
      <ChoiceField
        name="tools"
        label="Tools you need"
        multiple
        options={CLIENT_TOOLS.map((t) => ({ value: t, label: CLIENT_TOOL_LABELS[t] }))}
      />
      <Field name="note" label="Anything the account team should know (optional)" rows={3} maxLength={1000} />
      <SubmitButton pending="Sending…">Request access</SubmitButton>
    </Form>
  );
}

function Access({ data }: { data: MyAccessView }) {
  return (
    <>
      <Section heading="Your secure tools">
        {data.grants.length === 0 ? (
          <p>You have no secure tools yet. Ask for them below.</p>
        ) : (
          <Table stackable stackableBreakpoint="md" compact>
            <TableCaption>Tools you hold, per client</TableCaption>
            <TableHead>
              <TableRow>
                <TableCell>Client</TableCell>
                <TableCell>Tool</TableCell>
                <TableCell>Valid until</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.grants.map((g) => (
                <TableRow key={g.id}>
                  <TableCell component="th" scope="row" stackedTitle="Client">
                    {g.clientName} ({g.clientCode})
                  </TableCell>
                  <TableCell stackedTitle="Tool">
                    {g.tool === 'plan_reports' ? (
                      <Link to="/clients/$clientId/reports/plan" params={{ clientId: g.clientId }}>
                        {CLIENT_TOOL_LABELS[g.tool]}
                      </Link>
                    ) : g.tool === 'eligibility_files' ? (
                      <Link to="/clients/$clientId/eligibility-files" params={{ clientId: g.clientId }}>
                        {CLIENT_TOOL_LABELS[g.tool]}
                      </Link>
                    ) : g.tool === 'claims_reports' ? (
                      <Link to="/clients/$clientId/reports/utilization" params={{ clientId: g.clientId }}>
                        {CLIENT_TOOL_LABELS[g.tool]}
                      </Link>
                    ) : (
                      <Link to="/clients/$clientId/formulary-documents" params={{ clientId: g.clientId }}>
                        {CLIENT_TOOL_LABELS[g.tool]}
                      </Link>
                    )}
                  </TableCell>
                  <TableCell stackedTitle="Valid until">{formatInstant(g.expiresAt)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Section>
      {data.administers.length > 0 ? (
        <Section heading="Clients you administer">
          <ul>
            {data.administers.map((c) => (
              <li key={c.clientId}>
                <Link to="/clients/$clientId/admin" params={{ clientId: c.clientId }}>
                  Manage users of {c.clientName} ({c.clientCode})
                </Link>
                {' · '}
                <Link to="/clients/$clientId/service-identities" params={{ clientId: c.clientId }}>
                  Service identities of {c.clientName}
                </Link>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      <Section heading="Your access requests">
        {data.requests.length === 0 ? (
          <p>No requests yet.</p>
        ) : (
          <ul className="ds-c-list--bare">
            {data.requests.map((r) => (
              <li key={r.id} className="ds-u-margin-bottom--2">
                <strong>
                  {r.clientName} ({r.clientCode})
                </strong>
                : {r.tools.map((t) => CLIENT_TOOL_LABELS[t]).join(', ')}
                <br />
                <RequestClock request={r} />
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section heading="Ask for secure tools">
        <RequestForm />
      </Section>
    </>
  );
}

/** A client user's or advisor's tools per client, their requests with the 10-day clock, and a new request. */
export function MyAccessPage() {
  const query = useQuery({
    queryKey: ACCESS_KEY,
    queryFn: () => getJson<MyAccessView>('/api/clients/me/access'),
  });
  return (
    <Page title="My access" eyebrow="Client portal" heading="My access">
      <QueryBoundary query={query} what="your access">
        {(data) => <Access data={data} />}
      </QueryBoundary>
    </Page>
  );
}
