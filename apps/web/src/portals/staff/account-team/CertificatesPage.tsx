import { ChoiceList } from '@cmsgov/design-system';
import type { certificateInventory } from '@openpbm/shared/certificates';
import { useQuery } from '@tanstack/react-query';
import { type ChangeEvent, useState } from 'react';
import type { z } from 'zod';
import { getJson } from '../../../components/api/client';
import {
  certificateColumns,
  RevokeControl,
  useChangeNotice,
} from '../../../components/certificates/certificate-table';
import { Page } from '../../../components/content/Page';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { QueueTable } from '../../../components/content/QueueTable';
import { formatInstant } from '../../../components/format/dates';

type Inventory = z.infer<typeof certificateInventory>;
type Row = Inventory['certificates'][number];
type Show = 'all' | 'expiring' | 'revoked';
const KEY = ['certificates', 'inventory'];

function ClientTable({
  name,
  rows,
  onDone,
}: {
  name: string;
  rows: Row[];
  onDone: (m: string) => Promise<void>;
}) {
  const columns = certificateColumns<Row>({
    holderTitle: 'Holder',
    holder: (r) =>
      r.kind === 'service' ? `${r.serviceName} (service identity)` : r.subject.split(',')[0]?.slice(3),
    statusNote: (r) =>
      `${r.expiringSoon ? ', ends within 30 days' : ''}${r.revokedAt ? ` on ${formatInstant(r.revokedAt)}` : ''}`,
    actions: (r) =>
      r.status === 'active' ? (
        <RevokeControl
          certificateId={r.id}
          question="Revoke now? New connections with it stop at once."
          revokedMessage={`Certificate ${r.serial} (${r.serviceName ?? r.subject}) revoked.`}
          onDone={onDone}
        />
      ) : null,
  });
  return (
    <QueueTable
      caption={name}
      columns={columns}
      rows={rows}
      rowKey={(r) => r.id}
      empty="No certificates to show."
      className="ds-u-margin-bottom--4"
    />
  );
}

/** The account team's certificate inventory: every client certificate by client, filtered, with revocation. */
export function CertificatesPage() {
  const [show, setShow] = useState<Show>('all');
  const { noticeAlert, onDone } = useChangeNotice(KEY);
  const query = useQuery({ queryKey: KEY, queryFn: () => getJson<Inventory>('/api/certificates/inventory') });
  return (
    <Page
      title="Client certificates"
      eyebrow="Account team"
      heading="Client certificates"
      lead="Every certificate issued for the secure client tools, by client. Holders get renewal e-mails 30, 7 and 1 day before the end; a revocation takes effect at once."
    >
      {noticeAlert}
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
