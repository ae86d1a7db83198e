import {
  type CertificateView,
  type ServiceIdentitiesView,
  serviceCertificateInput,
} from '@openpbm/shared/certificates';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import type { z } from 'zod';
import { getJson, postJson } from '../../components/api/client';
import {
  certificateColumns,
  PemLink,
  RevokeControl,
  useChangeNotice,
} from '../../components/certificates/certificate-table';
import { Page } from '../../components/content/Page';
import { QueryBoundary } from '../../components/content/QueryBoundary';
import { QueueTable } from '../../components/content/QueueTable';
import { Section } from '../../components/content/Section';
import { Field, Form, SubmitButton, useZodForm } from '../../components/form';
import { download } from './certificates/browser-keys';
import './clients.css';

type ServiceInput = z.infer<typeof serviceCertificateInput>;

type ServiceCertificate = CertificateView & { serviceName: string };

const columns = (onDone: (message: string) => Promise<void>) =>
  certificateColumns<ServiceCertificate>({
    holderTitle: 'Service',
    holder: (c) => c.serviceName,
    statusNote: (c) => (c.status === 'active' && c.daysLeft <= 30 ? `, ${c.daysLeft} day(s) left` : ''),
    actions: (c) => (
      <>
        <PemLink certificateId={c.id} />
        {c.status === 'active' ? (
          <RevokeControl
            certificateId={c.id}
            question="Revoke now?"
            revokedMessage={`Certificate ${c.serial} revoked. It stops working at once.`}
            onDone={onDone}
          />
        ) : null}
      </>
    ),
  });

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
  const { noticeAlert, onDone } = useChangeNotice(key);
  const query = useQuery({
    queryKey: key,
    queryFn: () => getJson<ServiceIdentitiesView>(`/api/clients/${clientId}/service-identities`),
  });
  return (
    <Page
      title="Service identities"
      eyebrow="Client portal"
      heading="Service identities for your HR systems"
      lead="A service identity lets one of your systems send eligibility files to us on its own, over mutual TLS with its certificate. It cannot sign in or use any other tool."
    >
      {noticeAlert}
      <Section heading="Your service identities">
        <QueryBoundary query={query} what="your service identities">
          {({ identities }) => (
            <QueueTable
              caption="Service identities and their certificates, newest first"
              columns={columns(onDone)}
              rows={identities.flatMap((identity) =>
                identity.certificates.map((certificate) => ({
                  ...certificate,
                  serviceName: identity.serviceName,
                })),
              )}
              rowKey={(c) => c.id}
              empty="No service identity yet."
            />
          )}
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
