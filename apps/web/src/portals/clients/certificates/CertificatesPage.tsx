import {
  Alert,
  Button,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableRow,
} from '@cmsgov/design-system';
import type { CertificateView } from '@openpbm/shared/certificates';
import type { MyAccessView } from '@openpbm/shared/client-portal';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, getJson, postJson } from '../../../components/api/client';
import { Page } from '../../../components/content/Page';
import { QueryBoundary } from '../../../components/content/QueryBoundary';
import { Section } from '../../../components/content/Section';
import { formatInstant } from '../../../components/format/dates';
import { GetCertificateForm } from './GetCertificateForm';
import '../clients.css';

const MINE = ['certificates', 'mine'];
const STATUS = { active: 'Active', revoked: 'Revoked', expired: 'Expired' } as const;

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
  const [confirming, setConfirming] = useState<string | null>(null);
  const revoke = (c: CertificateView) =>
    postJson(`/api/certificates/${c.id}/revoke`)
      .then(() => onDone('Certificate revoked. It stops working at once.'))
      .catch((e: unknown) => onDone(errorMessage(e)));
  return (
    <Table stackable stackableBreakpoint="md" compact>
      <TableCaption>Your certificates, newest first</TableCaption>
      <TableHead>
        <TableRow>
          <TableCell>Client</TableCell>
          <TableCell>Serial</TableCell>
          <TableCell>Ends</TableCell>
          <TableCell>Status</TableCell>
          <TableCell>Actions</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {certificates.map((c) => (
          <TableRow key={c.id}>
            <TableCell component="th" scope="row" stackedTitle="Client">
              {clientName(c.clientId)}
            </TableCell>
            <TableCell stackedTitle="Serial">
              <code className="ds-u-font-size--sm">{c.serial}</code>
            </TableCell>
            <TableCell stackedTitle="Ends">{formatInstant(c.notAfter)}</TableCell>
            <TableCell stackedTitle="Status">
              {STATUS[c.status]}
              {c.status === 'active' && c.daysLeft <= 30 ? `, ${c.daysLeft} day(s) left: renew it` : ''}
            </TableCell>
            <TableCell stackedTitle="Actions">
              <a href={`/api/certificates/${c.id}/pem`} download className="ds-u-margin-right--2">
                Certificate (PEM)
              </a>
              {c.status === 'active' ? (
                confirming === c.id ? (
                  <span>
                    Revoke now?{' '}
                    <Button size="small" onClick={() => revoke(c)}>
                      Yes, revoke
                    </Button>{' '}
                    <Button size="small" variation="ghost" onClick={() => setConfirming(null)}>
                      Keep it
                    </Button>
                  </span>
                ) : (
                  <>
                    <Button size="small" variation="ghost" onClick={() => onRenew(c)}>
                      Renew
                    </Button>
                    <Button size="small" variation="ghost" onClick={() => setConfirming(c.id)}>
                      Revoke
                    </Button>
                  </>
                )
              ) : null}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** A client user's certificates for the secure tools: get one (key made in this browser, or a CSR), renew, revoke. */
export function CertificatesPage() {
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  const [renewing, setRenewing] = useState<CertificateView | null>(null);
  const mine = useQuery({
    queryKey: MINE,
    queryFn: () => getJson<CertificateView[]>('/api/certificates/mine'),
  });
  const access = useQuery({
    queryKey: ['clients', 'me', 'access'],
    queryFn: () => getJson<MyAccessView>('/api/clients/me/access'),
  });
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: MINE });
  };
  const onDone = async (message: string) => {
    setNotice(message);
    await refresh();
  };
  return (
    <Page
      title="Certificates"
      eyebrow="Client portal"
      heading="Certificates for the secure tools"
      lead="The secure tools ask for a digital certificate as well as your password. A certificate lasts one year; we e-mail you 30, 7 and 1 day before it ends."
    >
      {notice ? (
        <Alert heading={notice} headingLevel="2" role="status" className="ds-u-margin-bottom--3" />
      ) : null}
      <QueryBoundary query={access} what="your clients">
        {(data) => {
          const names = new Map(data.grants.map((g) => [g.clientId, `${g.clientName} (${g.clientCode})`]));
          const clients = [...names].map(([value, label]) => ({ value, label }));
          return (
            <>
              <Section heading="Your certificates">
                <QueryBoundary query={mine} what="your certificates">
                  {(certificates) =>
                    certificates.length === 0 ? (
                      <p>You have no certificate yet.</p>
                    ) : (
                      <CertificateRows
                        certificates={certificates}
                        clientName={(id) => names.get(id) ?? 'A client you no longer have tools for'}
                        onRenew={setRenewing}
                        onDone={onDone}
                      />
                    )
                  }
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
                      if (renewing)
                        setNotice('Certificate renewed and saved. The old one works until it ends.');
                      setRenewing(null);
                      await refresh();
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
