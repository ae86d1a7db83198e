import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { getJson } from '../../../components/api/client';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { StaffPage } from '../../../components/content/StaffPage';
import { formatInstant } from '../../../components/format/dates';

function Threads() {
  const threads = useQuery({
    queryKey: ['prescriber', 'threads'],
    queryFn: () =>
      getJson<{
        threads: Array<{
          id: string;
          subject: string;
          patientName: string;
          rxNumber: string;
          lastMessageAt: string;
          unread: number;
        }>;
      }>('/api/prescriber/threads'),
    refetchInterval: 60_000,
  });
  return (
    <QueryBoundary query={threads} what="patient messages">
      {(data) =>
        data.threads.length === 0 ? (
          <p>No patient has written to your office yet.</p>
        ) : (
          <ul>
            {data.threads.map((t) => (
              <li key={t.id}>
                <Link to="/prescribers/messages/$threadId" params={{ threadId: t.id }}>
                  {t.subject}
                </Link>{' '}
                · {t.patientName} · Rx {t.rxNumber} · {formatInstant(t.lastMessageAt)}
                {t.unread ? <strong> · {t.unread} unread</strong> : null}
              </li>
            ))}
          </ul>
        )
      }
    </QueryBoundary>
  );
}

export function PatientMessagesPage() {
  return (
    <StaffPage
      title="Patient messages"
      eyebrow="Prescriber portal"
      heading="Messages from patients"
      lead="Patients write about a prescription: renewals, generics, side effects. Answer here; they are told by e-mail without the content."
      forRole="prescriber"
      purpose="patient messages"
    >
      <Threads />
    </StaffPage>
  );
}
