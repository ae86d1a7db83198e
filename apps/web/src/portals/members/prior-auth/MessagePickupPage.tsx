import { Alert } from '@cmsgov/design-system';
import { useQuery } from '@tanstack/react-query';
import { errorMessage, postJson } from '../../../components/api/client';
import { Page } from '../../../components/content/Page';
import { Section } from '../../../components/content/Section';
import { useSession } from '../../../identity/session';
import { Loading, RoleGate } from '../../prescribers/prior-auth/pa-common';

interface Message {
  id: string;
  subject: string;
  body: string;
  portalPath: string | null;
  createdAt: string;
}

// The token arrives in the URL fragment (#token=…), which browsers never send to a server.
const tokenFromHash = (): string => new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';

function Message({ token }: { token: string }) {
  const message = useQuery({
    queryKey: ['messages', 'pickup', token],
    queryFn: () => postJson<Message>('/api/messages/pickup', { token }),
    retry: false,
  });
  if (message.isPending) return <Loading />;
  if (message.isError) {
    return (
      <Alert variation="error" heading="This link does not open a message for you" headingLevel="2">
        <p>{errorMessage(message.error)}</p>
      </Alert>
    );
  }
  return (
    <Section heading={message.data.subject}>
      <p className="pa-message">{message.data.body}</p>
      {message.data.portalPath ? (
        <p>
          <a href={message.data.portalPath}>Open the details</a>
        </p>
      ) : null}
    </Section>
  );
}

export function MessagePickupPage() {
  const token = tokenFromHash();
  const session = useSession();
  return (
    <Page title="Secure message" heading="Your secure message">
      {!token ? (
        <Alert variation="warn" heading="This link is incomplete" headingLevel="2">
          <p>Open the link from the e-mail again, all of it.</p>
        </Alert>
      ) : (
        <RoleGate forRole={session.data?.user?.role ?? 'member'} purpose="your secure message">
          <Message token={token} />
        </RoleGate>
      )}
    </Page>
  );
}
