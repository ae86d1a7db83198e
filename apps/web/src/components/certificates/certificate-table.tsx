// The certificate lists of the client portal (a user's own certificates, a client's service identities) and the
// account team's inventory: one set of columns for QueueTable, one confirm-then-revoke control, and the notice a
// change leaves on the page.
import { Alert, Button } from '@cmsgov/design-system';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { errorMessage, postJson } from '../api/client';
import type { QueueColumn } from '../content/QueueTable';
import { formatInstant } from '../format/dates';

const STATUS = { active: 'Active', revoked: 'Revoked', expired: 'Expired' } as const;

interface ListedCertificate {
  id: string;
  serial: string;
  notAfter: string;
  status: keyof typeof STATUS;
}

/** Holder, Serial, Ends, Status and Actions: each page says who the holder is and what follows the status. */
export function certificateColumns<T extends ListedCertificate>(parts: {
  holderTitle: string;
  holder: (row: T) => ReactNode;
  /** Said after the status, e.g. ", 12 day(s) left". */
  statusNote?: (row: T) => string;
  actions: (row: T) => ReactNode;
}): QueueColumn<T>[] {
  return [
    { title: parts.holderTitle, rowHeader: true, cell: parts.holder },
    { title: 'Serial', cell: (row) => <code className="ds-u-font-size--sm">{row.serial}</code> },
    { title: 'Ends', cell: (row) => formatInstant(row.notAfter) },
    { title: 'Status', cell: (row) => `${STATUS[row.status]}${parts.statusNote?.(row) ?? ''}` },
    { title: 'Actions', cell: parts.actions },
  ];
}

/** A download link for the certificate's PEM file. */
export function PemLink({ certificateId }: { certificateId: string }) {
  return (
    <a href={`/api/certificates/${certificateId}/pem`} download className="ds-u-margin-right--2">
      Certificate (PEM)
    </a>
  );
}

/**
 * Revoke after one confirmation (it takes effect at the next handshake, so it is asked once). `children` are the
 * row's other actions (Renew), hidden while the question is open.
 */
export function RevokeControl({
  certificateId,
  question,
  revokedMessage,
  onDone,
  children,
}: {
  certificateId: string;
  question: string;
  revokedMessage: string;
  onDone: (message: string) => Promise<void>;
  children?: ReactNode;
}) {
  const [confirming, setConfirming] = useState(false);
  const revoke = () =>
    postJson(`/api/certificates/${certificateId}/revoke`)
      .then(() => onDone(revokedMessage))
      .catch((e: unknown) => onDone(errorMessage(e)));
  if (confirming)
    return (
      <span>
        {question}{' '}
        <Button size="small" onClick={revoke}>
          Yes, revoke
        </Button>{' '}
        <Button size="small" variation="ghost" onClick={() => setConfirming(false)}>
          Keep it
        </Button>
      </span>
    );
  return (
    <>
      {children}
      <Button size="small" variation="ghost" onClick={() => setConfirming(true)}>
        Revoke
      </Button>
    </>
  );
}

/** The sentence a change (issue, renew, revoke) leaves at the top of the page, and the list it refreshes. */
export function useChangeNotice(queryKey: readonly unknown[]) {
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey });
  const onDone = async (message: string) => {
    setNotice(message);
    await refresh();
  };
  const noticeAlert = notice ? (
    <Alert heading={notice} headingLevel="2" role="status" className="ds-u-margin-bottom--3" />
  ) : null;
  return { noticeAlert, onDone, refresh };
}
