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
import {
  type CertificateView,
  type ServiceIdentitiesView,
  serviceCertificateInput,
} from '@openpbm/shared/certificates';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import type { z } from 'zod';
import { errorMessage, getJson, postJson } from '../../components/api/client';
import { Page } from '../../components/content/Page';
import { QueryBoundary } from '../../components/content/QueryBoundary';
import { Section } from '../../components/content/Section';
import { Field, Form, SubmitButton, useZodForm } from '../../components/form';
import { formatInstant } from '../../components/format/dates';
import { download } from './certificates/browser-keys';
import './clients.css';

const STATUS = { active: 'Active', revoked: 'Revoked', expired: 'Expired' } as const;
type ServiceInput = z.infer<typeof serviceCertificateInput>;

function CertificateActions({
  certificate,
  onDone,
}: {
  certificate: CertificateView;
  onDone: (message: string) => Promise<void>;
}) {
  const [confirming, setConfirming] = useState(false);
  const revoke = () =>
    postJson(`/api/certificates/${certificate.id}/revoke`)
      .then(() => onDone(`Certificate ${certificate.serial} revoked. It stops working at once.`))
      .catch((e: unknown) => onDone(errorMessage(e)));
  return (
    <>
      <a href={`/api/certificates/${certificate.id}/pem`} download className="ds-u-margin-right--2">
        Certificate (PEM)
      </a>
      {certificate.status !== 'active' ? null : confirming ? (
        <span>
          Revoke now?{' '}
          <Button size="small" onClick={revoke}>
            Yes, revoke
          </Button>{' '}
          <Button size="small" variation="ghost" onClick={() => setConfirming(false)}>
            Keep it
          </Button>
        </span>
      ) : (
        <Button size="small" variation="ghost" onClick={() => setConfirming(true)}>
          Revoke
        </Button>
      )}
    </>
  );
}

function IssueForm({ clientId, onIssued }: { clientId: string; onIssued: (name: string) => Promise<void> }) {
  const form = useZodForm(serviceCertificateInput, { defaultValues: { serviceName: '', csr: '' } });
  async function submit(values: ServiceInput) {
    const issued = await postJson<{ certificate: CertificateView; pem: string }>(
      `/api/certificates/clients/${clientId}/service`,
      values,
    );
    download(`${values.serviceName}.pem`, issued.pem, 'application/x-pem-file');
    form.reset({ serviceName: '', csr: '' });
    await onIssued(values.serviceName);
  }
  return (
    <Form form={form} onSubmit={submit} aria-label="Issue a service certificate" className="clients-panel">
      <Field
        name="serviceName"
        label="Service name"
        hint="2–40 lower-case letters, digits or hyphens, e.g. hr-system. The same name again gives that identity a new certificate."
        autoComplete="off"
      />
      <Field
        name="csr"
        label="Certificate request of the system (PEM)"
        hint="Made on the system itself, e.g. openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout hr-system.key -subj /CN=hr-system. ECDSA P-256/P-384, or RSA of 2048 bits or more."
        rows={8}
        spellCheck={false}
      />
      <SubmitButton pending="Signing…">Issue certificate</SubmitButton>
    </Form>
  );
}

/**
 * The client's primary administrator: service identities for the client's HR systems. Each gets a certificate
 * from its own request and sends eligibility files machine to machine over mutual TLS, with no session.
 */
export function ServiceIdentitiesPage() {
  const { clientId } = useParams({ strict: false }) as { clientId: string };
  const key = ['clients', clientId, 'service-identities'];
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  const query = useQuery({
    queryKey: key,
    queryFn: () => getJson<ServiceIdentitiesView>(`/api/clients/${clientId}/service-identities`),
  });
  const onDone = async (message: string) => {
    setNotice(message);
    await queryClient.invalidateQueries({ queryKey: key });
  };
  return (
    <Page
      title="Service identities"
      eyebrow="Client portal"
      heading="Service identities for your HR systems"
      lead="A service identity lets one of your systems send eligibility files to us on its own, over mutual TLS with its certificate. It cannot sign in or use any other tool."
    >
      {notice ? (
        <Alert heading={notice} headingLevel="2" role="status" className="ds-u-margin-bottom--3" />
      ) : null}
      <Section heading="Your service identities">
        <QueryBoundary query={query} what="your service identities">
          {({ identities }) =>
            identities.length === 0 ? (
              <p>No service identity yet.</p>
            ) : (
              <Table stackable stackableBreakpoint="md" compact>
                <TableCaption>Service identities and their certificates, newest first</TableCaption>
                <TableHead>
                  <TableRow>
                    <TableCell>Service</TableCell>
                    <TableCell>Serial</TableCell>
                    <TableCell>Ends</TableCell>
                    <TableCell>Status</TableCell>
                    <TableCell>Actions</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {identities.flatMap((identity) =>
                    identity.certificates.map((c) => (
                      <TableRow key={c.id}>
                        <TableCell component="th" scope="row" stackedTitle="Service">
                          {identity.serviceName}
                        </TableCell>
                        <TableCell stackedTitle="Serial">
                          <code className="ds-u-font-size--sm">{c.serial}</code>
                        </TableCell>
                        <TableCell stackedTitle="Ends">{formatInstant(c.notAfter)}</TableCell>
                        <TableCell stackedTitle="Status">
                          {STATUS[c.status]}
                          {c.status === 'active' && c.daysLeft <= 30 ? `, ${c.daysLeft} day(s) left` : ''}
                        </TableCell>
                        <TableCell stackedTitle="Actions">
                          <CertificateActions certificate={c} onDone={onDone} />
                        </TableCell>
                      </TableRow>
                    )),
                  )}
                </TableBody>
              </Table>
            )
          }
        </QueryBoundary>
      </Section>
      <Section
        heading="Issue a service certificate"
        intro="The system makes its own key and sends only a certificate request; its key never reaches us. The certificate lasts one year and is saved here as a PEM file for the system."
      >
        <IssueForm
          clientId={clientId}
          onIssued={(name) => onDone(`Certificate issued for ${name} and saved as ${name}.pem.`)}
        />
      </Section>
      <Section heading="How the system sends a file">
        <p>
          With its key and certificate, the system posts the file to the secure-tools address, e.g.{' '}
          <code>
            curl --cert hr-system.pem --key hr-system.key --cacert openpbm-client-ca.pem -H 'content-type:
            application/json' -d @file.json https://…/api/certificates/service/eligibility-files/preview
          </code>{' '}
          (then <code>…/apply</code>); details in docs/client-certificates.md.
        </p>
      </Section>
    </Page>
  );
}
