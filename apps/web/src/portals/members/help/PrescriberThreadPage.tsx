import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { getJson } from '../../../components/api/client';
import { RoleGate } from '../../../components/auth/RoleGate';
import { Page } from '../../../components/content/Page';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { type Thread, ThreadView } from '../../../components/messages/ThreadView';
import './help.css';

function Body({ threadId }: { threadId: string }) {
  const client = useQueryClient();
  const key = ['support', 'prescriber-thread', threadId];
  const thread = useQuery({
    queryKey: key,
    queryFn: () => getJson<Thread>(`/api/support/prescriber-threads/${threadId}`),
  });
  return (
    <QueryBoundary query={thread} what="this conversation">
      {(t) => (
        <ThreadView
          thread={t}
          otherSide="Prescriber’s office"
          replyUrl={`/api/support/prescriber-threads/${threadId}/replies`}
          attachmentUrl={(id) => `/api/support/prescriber-threads/attachments/${id}`}
          onUpdated={(updated) => client.setQueryData(key, updated)}
        />
      )}
    </QueryBoundary>
  );
}

export function PrescriberThreadPage() {
  const { threadId } = useParams({ strict: false }) as { threadId: string };
  return (
    <Page title="Conversation" eyebrow="Messages" heading="Conversation with your prescriber’s office">
      <RoleGate forRole="member" purpose="this conversation">
        <Body threadId={threadId} />
      </RoleGate>
      <p className="help-contact">
        <Link to="/members/messages/prescriber">All conversations</Link>
      </p>
    </Page>
  );
}
