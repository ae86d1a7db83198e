import { Alert } from '@cmsgov/design-system';
import {
  type AccessDecisionInput,
  accessDecisionInput,
  CLIENT_TOOL_LABELS,
  type ReviewView,
} from '@openpbm/shared/client-portal';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { getJson, postJson } from '../../../components/api/client';
import { Page } from '../../../components/content/Page';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { Section } from '../../../components/content/Section';
import { CheckboxField, ChoiceField, Field, Form, SubmitButton, useZodForm } from '../../../components/form';
import { formatInstant } from '../../../components/format/dates';

function Decision({ request, onDecided }: { request: ReviewView; onDecided: () => Promise<void> }) {
  const form = useZodForm(accessDecisionInput, {
    defaultValues: {
      reason: '',
      checklist: { calledClientContact: false, confirmedEmployment: false, confirmedToolsNeeded: false },
    } as never,
  });
  async function decide(values: AccessDecisionInput) {
    await postJson(`/api/clients/account-team/access-requests/${request.id}/decision`, values);
    await onDecided();
  }
  return (
    <Form form={form} onSubmit={decide} aria-label="Decision">
      <fieldset className="ds-c-fieldset">
        <legend className="ds-c-label">Call-back checklist</legend>
        <CheckboxField
          name="checklist.calledClientContact"
          label="I called the client’s benefits contact on a number we already hold"
        />
        <CheckboxField
          name="checklist.confirmedEmployment"
          label="The client confirmed the requester works for or with them"
        />
        <CheckboxField
          name="checklist.confirmedToolsNeeded"
          label="The client confirmed the tools the requester needs"
        />
      </fieldset>
      <ChoiceField
        name="decision"
        label="Decision"
        options={[
          { value: 'approve', label: 'Approve: give these tools for 12 months' },
          { value: 'deny', label: 'Deny' },
        ]}
      />
      <Field name="reason" label="Reason (the requester sees it)" rows={3} maxLength={1000} />
      <SubmitButton pending="Saving…">Save decision</SubmitButton>
    </Form>
  );
}

function Review({ request, onDecided }: { request: ReviewView; onDecided: () => Promise<void> }) {
  return (
    <>
      <Section heading="Requester">
        <dl>
          <dt>Name</dt>
          <dd>{request.requester.displayName}</dd>
          <dt>Role</dt>
          <dd>{request.requester.role === 'advisor' ? 'Advisor or consultant' : 'Client user'}</dd>
          <dt>Organization</dt>
          <dd>{request.requester.organization ?? 'Not given'}</dd>
          <dt>E-mail</dt>
          <dd>
            {request.requester.email}{' '}
            {request.emailDomainMatches ? (
              <strong>matches the client’s domain</strong>
            ) : (
              <strong>
                does not match the client’s known domains ({request.knownDomains.join(', ') || 'none on file'}
                )
              </strong>
            )}
          </dd>
        </dl>
      </Section>
      <Section heading="Request">
        <p>
          {request.clientName} ({request.clientCode}):{' '}
          {request.tools.map((t) => CLIENT_TOOL_LABELS[t]).join(', ')}. Asked{' '}
          {formatInstant(request.requestedAt)}, due {formatInstant(request.expectedBy)}.
          {request.escalatedAt ? ' Escalated: past 10 days.' : ''}
        </p>
      </Section>
      <Section heading="Decide">
        {request.status === 'pending' ? (
          <Decision request={request} onDecided={onDecided} />
        ) : (
          <Alert
            heading={request.status === 'approved' ? 'Approved' : 'Denied'}
            headingLevel="3"
            role="status"
            variation={request.status === 'approved' ? 'success' : undefined}
          >
            {formatInstant(request.decidedAt)}: {request.decisionReason}
          </Alert>
        )}
      </Section>
      <p>
        <Link to="/staff/account-team/access-requests">Back to the queue</Link>
      </p>
    </>
  );
}

/** One access request: requester, domain match, call-back checklist, approve or deny with a reason. */
export function AccessReviewPage() {
  const { requestId } = useParams({ strict: false }) as { requestId: string };
  const queryClient = useQueryClient();
  const key = ['clients', 'account-team', 'request', requestId];
  const query = useQuery({
    queryKey: key,
    queryFn: () => getJson<ReviewView>(`/api/clients/account-team/access-requests/${requestId}`),
  });
  return (
    <Page title="Review access request" eyebrow="Account team" heading="Review an access request">
      <QueryBoundary query={query} what="the request">
        {(request) => (
          <Review request={request} onDecided={() => queryClient.invalidateQueries({ queryKey: key })} />
        )}
      </QueryBoundary>
    </Page>
  );
}
