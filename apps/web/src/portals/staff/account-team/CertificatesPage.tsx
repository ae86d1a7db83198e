import {
  Alert,
  Button,
  ChoiceList,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableRow,
} from '@cmsgov/design-system';
import type { certificateInventory } from '@openpbm/shared/certificates';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, useState } from 'react';
import type { z } from 'zod';
import { errorMessage, getJson, postJson } from '../../../components/api/client';
import { Page } from '../../../components/content/Page';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { formatInstant } from '../../../components/format/dates';

type Inventory = z.infer<typeof certificateInventory>;
type Row = Inventory['certificates'][number];
type Show = 'all' | 'expiring' | 'revoked';
const KEY = ['certificates', 'inventory'];

const STATUS: Record<Row['status'], string> = { active: 'Active', revoked: 'Revoked', expired: 'Expired' };

function RevokeButton({ row, onDone }: { row: Row; onDone: (message: string) => Promise<void> }) {
  const [confirming, setConfirming] = useState(false);
  if (row.status !== 'active') return null;
  const holder = row.serviceName ?? row.subject;
  if (!confirming)
    return (
      <Button size="small" variation="ghost" onClick={() => setConfirming(true)}>
        Revoke
      </Button>
    );
  return (
    <span>
      Revoke now? New connections with it stop at once.{' '}
      <Button
        size="small"
        variation="solid"
        onClick={() =>
          postJson(`/api/certificates/${row.id}/revoke`)
            .then(() => onDone(`Certificate ${row.serial} (${holder}) revoked.`))
            .catch((e: unknown) => onDone(errorMessage(e)))
        }
      >
        Yes, revoke
      </Button>{' '}
      <Button size="small" variation="ghost" onClick={() => setConfirming(false)}>
        Keep it
      </Button>
    </span>
  );
}

function ClientTable({
  name,
  rows,
  onDone,
}: {
  name: string;
  rows: Row[];
  onDone: (m: string) => Promise<void>;
}) {
  return (
    <Table stackable stackableBreakpoint="md" compact className="ds-u-margin-bottom--4">
      <TableCaption>{name}</TableCaption>
      <TableHead>
        <TableRow>
          <TableCell>Holder</TableCell>
          <TableCell>Serial</TableCell>
          <TableCell>Ends</TableCell>
          <TableCell>Status</TableCell>
          <TableCell>Action</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.id}>
            <TableCell component="th" scope="row" stackedTitle="Holder">
              {r.kind === 'service'
                ? `${r.serviceName} (service identity)`
                : r.subject.split(',')[0]?.slice(3)}
            </TableCell>
            <TableCell stackedTitle="Serial">
              <code className="ds-u-font-size--sm">{r.serial}</code>
            </TableCell>
            <TableCell stackedTitle="Ends">{formatInstant(r.notAfter)}</TableCell>
            <TableCell stackedTitle="Status">
              {STATUS[r.status]}
              {r.expiringSoon ? ', ends within 30 days' : ''}
              {r.revokedAt ? ` on ${formatInstant(r.revokedAt)}` : ''}
            </TableCell>
            <TableCell stackedTitle="Action">
              <RevokeButton row={r} onDone={onDone} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** The account team's certificate inventory: every client certificate by client, filtered, with revocation. */
export function CertificatesPage() {
  const queryClient = useQueryClient();
  const [show, setShow] = useState<Show>('all');
  const [notice, setNotice] = useState<string | null>(null);
  const query = useQuery({ queryKey: KEY, queryFn: () => getJson<Inventory>('/api/certificates/inventory') });
  const onDone = async (message: string) => {
    setNotice(message);
    await queryClient.invalidateQueries({ queryKey: KEY });
  };
  return (
    <Page
      title="Client certificates"
      eyebrow="Account team"
      heading="Client certificates"
      lead="Every certificate issued for the secure client tools, by client. Holders get renewal e-mails 30, 7 and 1 day before the end; a revocation takes effect at once."
    >
      {notice ? (
        <Alert heading={notice} headingLevel="2" role="status" className="ds-u-margin-bottom--3" />
      ) : null}
      <QueryBoundary query={query} what="the certificate inventory">
        {(inventory) => {
          const rows = inventory.certificates.filter((c) =>
            show === 'expiring' ? c.expiringSoon : show === 'revoked' ? c.status === 'revoked' : true,
          );
          const byClient = new Map<string, Row[]>();
          for (const r of rows) byClient.set(r.clientName, [...(byClient.get(r.clientName) ?? []), r]);
          return (
            <>
              <ChoiceList
                name="show"
                type="radio"
                label="Show"
                choices={[
                  { label: `All (${inventory.certificates.length})`, value: 'all', checked: show === 'all' },
                  {
                    label: `Ending within 30 days (${inventory.expiringWithin30Days})`,
                    value: 'expiring',
                    checked: show === 'expiring',
                  },
                  { label: `Revoked (${inventory.revoked})`, value: 'revoked', checked: show === 'revoked' },
                ]}
                onChange={(e: ChangeEvent<HTMLInputElement>) => setShow(e.target.value as Show)}
              />
              <div className="ds-u-margin-top--3">
                {rows.length === 0 ? <p>No certificates to show.</p> : null}
                {[...byClient].map(([name, list]) => (
                  <ClientTable key={name} name={name} rows={list} onDone={onDone} />
                ))}
              </div>
            </>
          );
        }}
      </QueryBoundary>
    </Page>
  );
}
