import { Alert, Button } from '@cmsgov/design-system';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { getJson } from '../../../components/api/client';
import { PharmacyGate } from '../../../components/auth/PharmacyGate';
import { Page } from '../../../components/content/Page';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { formatInstant } from '../../../components/format/dates';
import { PharmacyNav } from './PharmacyNav';
import '../../../styles/pharmacy.css';

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
  return (
    <QueryBoundary query={message} what="the message">
      {(data) => {
        return (
          <Alert heading={data.subject} headingLevel="2">
            <p className="rx-message-body">{data.body}</p>
            {data.portalPath ? (
              <p>
                <a href={data.portalPath}>Open the details</a>
              </p>
            ) : null}
          </Alert>
        );
      }}
    </QueryBoundary>
  );
}

function Inbox() {
  const [open, setOpen] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['messages'],
    queryFn: () => getJson<{ messages: MessageSummary[] }>('/api/messages'),
  });
  return (
    <QueryBoundary query={list} what="your messages">
      {(data) => {
        if (data.messages.length === 0) return <p>No messages.</p>;
        return (
          <>
            {open ? <Opened id={open} /> : null}
            <ul className="rx-list rx-inbox">
              {data.messages.map((m) => (
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
      }}
    </QueryBoundary>
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
