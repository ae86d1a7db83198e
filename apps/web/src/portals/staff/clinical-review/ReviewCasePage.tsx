import { Alert, Button } from '@cmsgov/design-system';
import type { ReviewCase } from '@openpbm/shared/prior-auth';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { getJson, postJson } from '../../../components/api/client';
import { ActionError } from '../../../components/content/ActionError';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { Section } from '../../../components/content/Section';
import { StaffPage } from '../../../components/content/StaffPage';
import { isOpenCase, Timeline } from '../../../components/prior-auth/case-parts';
import { CaseDetails, DecidedCase } from './CaseDetails';
import { ApproveForm } from './decision/ApproveForm';
import { DenyForm } from './decision/DenyForm';
import { RequestInfoForm } from './decision/RequestInfoForm';

/** Start the review, then approve, deny or ask the prescriber for more (an appeal goes to another reviewer). */
function Decide({ c, onDone }: { c: ReviewCase; onDone: () => void }) {
  const start = useMutation({
    mutationFn: () => postJson(`/api/prior-auth/review/cases/${c.id}/start`),
    onSuccess: onDone,
  });
  if (!c.mayDecide) {
    return (
      <Alert variation="warn" heading="Another reviewer must decide this appeal" headingLevel="3">
        <p>You decided the case this appeal is about.</p>
      </Alert>
    );
  }
  return (
    <>
      {!c.assignedToMe ? (
        <Button onClick={() => start.mutate()} disabled={start.isPending}>
          Start review
        </Button>
      ) : null}
      <ActionError error={start.error} heading="The review was not started" />
      <h3>Approve</h3>
      <ApproveForm c={c} onDone={onDone} />
      <h3>Deny</h3>
      <DenyForm c={c} onDone={onDone} />
      {c.status !== 'pending_info' ? (
        <>
          <h3>Request more information</h3>
          <RequestInfoForm c={c} onDone={onDone} />
        </>
      ) : null}
    </>
  );
}

function CaseReview({ caseId }: { caseId: string }) {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: ['prior-auth', 'review', 'case', caseId],
    queryFn: () => getJson<ReviewCase>(`/api/prior-auth/review/cases/${caseId}`),
  });
  const refresh = () => client.invalidateQueries({ queryKey: ['prior-auth', 'review'] });
  return (
    <QueryBoundary query={query} what="this case">
      {(c) => (
        <>
          <CaseDetails c={c} />
          {isOpenCase(c.status) ? (
            <Section heading="Decision">
              <Decide c={c} onDone={refresh} />
            </Section>
          ) : (
            <DecidedCase c={c} />
          )}
          <Section heading="Timeline">
            <Timeline events={c.events} />
          </Section>
        </>
      )}
    </QueryBoundary>
  );
}

export function ReviewCasePage() {
  const { caseId } = useParams({ from: '/staff/clinical-review/$caseId' });
  return (
    <StaffPage
      title="Clinical review"
      eyebrow="Clinical review"
      heading="Clinical review"
      forRole="clinical_reviewer"
      purpose="clinical review"
    >
      <CaseReview caseId={caseId} />
    </StaffPage>
  );
}
