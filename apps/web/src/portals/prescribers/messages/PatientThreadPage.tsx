import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { getJson } from '../../../components/api/client';
import { RoleGate } from '../../../components/auth/RoleGate';
import { Page } from '../../../components/content/Page';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { type Thread, ThreadView } from '../../../components/messages/ThreadView';

function Body({ threadId }: { threadId: string }) {
  const client = useQueryClient();
  const key = ['prescriber', 'thread', threadId];
  const thread = useQuery({
    queryKey: key,
    queryFn: () => getJson<Thread>(`/api/prescriber/threads/${threadId}`),
  });
  return (
    <QueryBoundary query={thread} what="this conversation">
      {(t) => (
        <>
          <p>
            From <strong>{t.patientName}</strong> about prescription Rx {t.rxNumber}
          </p>
          <ThreadView
            thread={t}
            otherSide={t.patientName}
            replyUrl={`/api/prescriber/threads/${threadId}/replies`}
            attachmentUrl={(id) => `/api/prescriber/threads/attachments/${id}`}
            onUpdated={(updated) => client.setQueryData(key, updated)}
          />
        </>
      )}
    </QueryBoundary>
  );
}

export function PatientThreadPage() {
  const { threadId } = useParams({ strict: false }) as { threadId: string };
  return (
    <Page title="Patient conversation" eyebrow="Prescriber portal" heading="Conversation with a patient">
      <RoleGate forRole="prescriber" purpose="this conversation">
        <Body threadId={threadId} />
      </RoleGate>
      <p>
        <Link to="/prescribers/messages">All patient messages</Link>
      </p>
    </Page>
  );
}
