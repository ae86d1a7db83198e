import { Button } from '@cmsgov/design-system';
import type { CertificateView } from '@openpbm/shared/certificates';
import type { MyAccessView } from '@openpbm/shared/client-portal';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { getJson } from '../../../components/api/client';
import {
  certificateColumns,
  PemLink,
  RevokeControl,
  useChangeNotice,
} from '../../../components/certificates/certificate-table';
import { Page } from '../../../components/content/Page';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { QueueTable } from '../../../components/content/QueueTable';
import { Section } from '../../../components/content/Section';
import { GetCertificateForm } from './GetCertificateForm';
import '../clients.css';

const MINE = ['certificates', 'mine'];

function CertificateRows({
  certificates,
  clientName,
  onRenew,
  onDone,
}: {
  certificates: CertificateView[];
  clientName: (id: string) => string;
  onRenew: (c: CertificateView) => void;
  onDone: (message: string) => Promise<void>;
}) {
  const columns = certificateColumns<CertificateView>({
    holderTitle: 'Client',
    holder: (c) => clientName(c.clientId),
    statusNote: (c) =>
      c.status === 'active' && c.daysLeft <= 30 ? `, ${c.daysLeft} day(s) left: renew it` : '',
    actions: (c) => (
      <>
        <PemLink certificateId={c.id} />
        {c.status === 'active' ? (
          <RevokeControl
            certificateId={c.id}
            question="Revoke now?"
            revokedMessage="Certificate revoked. It stops working at once."
            onDone={onDone}
          >
            <Button size="small" variation="ghost" onClick={() => onRenew(c)}>
              Renew
            </Button>
          </RevokeControl>
        ) : null}
      </>
    ),
  });
  return (
    <QueueTable
      caption="Your certificates, newest first"
      columns={columns}
      rows={certificates}
      rowKey={(c) => c.id}
      empty="You have no certificate yet."
    />
  );
}

/** A client user's certificates for the secure tools: get one (key made in this browser, or a CSR), renew, revoke. */
export function CertificatesPage() {
  const { noticeAlert, onDone, refresh } = useChangeNotice(MINE);
  const [renewing, setRenewing] = useState<CertificateView | null>(null);
  const mine = useQuery({
    queryKey: MINE,
    queryFn: () => getJson<CertificateView[]>('/api/certificates/mine'),
  });
  const access = useQuery({
    queryKey: ['clients', 'me', 'access'],
    queryFn: () => getJson<MyAccessView>('/api/clients/me/access'),
  });
  return (
    <Page
      title="Certificates"
      eyebrow="Client portal"
      heading="Certificates for the secure tools"
      lead="The secure tools ask for a digital certificate as well as your password. A certificate lasts one year; we e-mail you 30, 7 and 1 day before it ends."
    >
      {noticeAlert}
      <QueryBoundary query={access} what="your clients">
        {(data) => {
          const names = new Map(data.grants.map((g) => [g.clientId, `${g.clientName} (${g.clientCode})`]));
          const clients = [...names].map(([value, label]) => ({ value, label }));
          return (
            <>
              <Section heading="Your certificates">
                <QueryBoundary query={mine} what="your certificates">
                  {(certificates) => (
                    <CertificateRows
                      certificates={certificates}
                      clientName={(id) => names.get(id) ?? 'A client you no longer have tools for'}
                      onRenew={setRenewing}
                      onDone={onDone}
                    />
                  )}
                </QueryBoundary>
              </Section>
              <Section
                heading={renewing ? 'Renew a certificate' : 'Get a certificate'}
                intro="Your private key is made on your side and never sent to us: we only sign its public half."
              >
                {clients.length === 0 ? (
                  <p>You need a secure tool first. Ask for one on the My access page.</p>
                ) : (
                  <GetCertificateForm
                    key={renewing?.id ?? 'new'}
                    clients={clients}
                    renewing={renewing}
                    onIssued={async () => {
                      setRenewing(null);
                      if (renewing)
                        await onDone('Certificate renewed and saved. The old one works until it ends.');
                      else await refresh();
                    }}
                  />
                )}
              </Section>
              <Section heading="Install it">
                <p>
                  Open the .p12 file to add it to your computer’s certificate store (Windows, macOS) or import
                  it in your browser’s certificate settings, then use the secure-tools address your account
                  team gave you. Command-line use: docs/client-certificates.md.
                </p>
              </Section>
            </>
          );
        }}
      </QueryBoundary>
    </Page>
  );
}
