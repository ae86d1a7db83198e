import { Alert } from '@cmsgov/design-system';
import { useQuery } from '@tanstack/react-query';
import { postJson } from '../../../components/api/client';
import { RoleGate } from '../../../components/auth/RoleGate';
import { Page } from '../../../components/content/Page';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { Section } from '../../../components/content/Section';
import { useSession } from '../../../identity/session';

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
  return (
    <QueryBoundary
      query={message}
      what="your message"
      errorHeading="This link does not open a message for you"
    >
      {(data) => (
        <Section heading={data.subject}>
          <p className="pa-message">{data.body}</p>
          {data.portalPath ? (
            <p>
              <a href={data.portalPath}>Open the details</a>
            </p>
          ) : null}
        </Section>
      )}
    </QueryBoundary>
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
