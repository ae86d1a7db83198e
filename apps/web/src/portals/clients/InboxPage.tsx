// The client portal inbox: notices to the client's users, e.g. that a legal disclosure involved members of their
// plan (counts and kinds only, never member names). The same notice went out by e-mail; both are held together
// while a court order prohibits notification.
import type { ClientMessageView } from '@openpbm/shared/privacy';
import { useQuery } from '@tanstack/react-query';
import { getJson } from '../../components/api/client';
import { Page } from '../../components/content/Page';
import { QueryBoundary } from '../../components/content/QueryBoundary';
import { formatInstant } from '../../components/format/dates';
import './clients.css';

function Messages({ messages }: { messages: ClientMessageView[] }) {
  if (messages.length === 0)
    return (
      <p>
        No messages. Notices from the OpenPBM privacy office about your plan’s members will appear here and by
        e-mail.
      </p>
    );
  return (
    <ul className="ds-c-list--bare clients-inbox" aria-label="Messages, newest first">
      {messages.map((m) => (
        <li key={m.id} className="clients-panel ds-u-margin-bottom--2">
          <h2 className="ds-text-heading--lg ds-u-margin-top--0">{m.subject}</h2>
          <p className="ds-u-color--muted ds-u-margin-y--1">
            <time dateTime={m.createdAt}>{formatInstant(m.createdAt, 'UTC')}</time>
          </p>
          <p className="clients-inbox__body">{m.body}</p>
        </li>
      ))}
    </ul>
  );
}

/** A client user's messages from the privacy office, newest first. */
export function InboxPage() {
  const query = useQuery({
    queryKey: ['privacy', 'client-messages'],
    queryFn: () => getJson<ClientMessageView[]>('/api/privacy/client-messages'),
  });
  return (
    <Page title="Inbox" eyebrow="Client portal" heading="Inbox">
      <QueryBoundary query={query} what="your messages">
        {(messages) => <Messages messages={messages} />}
      </QueryBoundary>
    </Page>
  );
}
