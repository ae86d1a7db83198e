import { Alert, Button } from '@cmsgov/design-system';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { getJson } from '../../../components/api/client';
import { LoadError } from '../../../components/content/LoadError';
import { Page } from '../../../components/content/Page';
import { formatInstant } from '../../../components/format/dates';
import { Loading, PharmacyGate } from './PharmacyGate';
import { PharmacyNav } from './PharmacyNav';
import './pharmacy.css';

interface MessageSummary {
  id: string;
  kind: string;
  subject: string;
  portalPath: string | null;
  createdAt: string;
  read: boolean;
}
interface MessageBody {
  id: string;
  subject: string;
  body: string;
  portalPath: string | null;
  createdAt: string;
}

function Opened({ id }: { id: string }) {
  const message = useQuery({
    queryKey: ['messages', id],
    queryFn: () => getJson<MessageBody>(`/api/messages/${id}`),
  });
  if (message.isPending) return <Loading what="the message" />;
  if (message.error) return <LoadError error={message.error} what="the message" />;
  return (
    <Alert heading={message.data.subject} headingLevel="2">
      <p className="rx-message-body">{message.data.body}</p>
      {message.data.portalPath ? (
        <p>
          <a href={message.data.portalPath}>Open the details</a>
        </p>
      ) : null}
    </Alert>
  );
}

function Inbox() {
  const [open, setOpen] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['messages'],
    queryFn: () => getJson<{ messages: MessageSummary[] }>('/api/messages'),
  });
  if (list.isPending) return <Loading what="messages" />;
  if (list.error) return <LoadError error={list.error} what="your messages" />;
  if (list.data.messages.length === 0) return <p>No messages.</p>;
  return (
    <>
      {open ? <Opened id={open} /> : null}
      <ul className="rx-list rx-inbox">
        {list.data.messages.map((m) => (
          <li key={m.id} className={m.read ? 'rx-card' : 'rx-card rx-card--unread'}>
            <Button variation="ghost" onClick={() => setOpen(m.id)}>
              {m.read ? '' : 'New: '}
              {m.subject}
            </Button>
            <span className="rx-hint">{formatInstant(m.createdAt)}</span>
          </li>
        ))}
      </ul>
      <p>
        <Link to="/members/notifications">Choose how we tell you about new messages</Link>
      </p>
    </>
  );
}

export function MessagesPage() {
  return (
    <Page
      title="Messages"
      eyebrow="For members"
      heading="Secure messages"
      lead="Messages about your orders and prescriptions. E-mails from us only link here."
    >
      <PharmacyGate purpose="your messages">
        <PharmacyNav />
        <Inbox />
      </PharmacyGate>
    </Page>
  );
}
