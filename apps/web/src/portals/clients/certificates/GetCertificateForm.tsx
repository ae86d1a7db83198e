import { Alert, Button } from '@cmsgov/design-system';
import {
  type CertificateRequestForm,
  type CertificateView,
  certificateRequestForm,
} from '@openpbm/shared/certificates';
import { useState } from 'react';
import { postJson } from '../../../components/api/client';
import { ChoiceField, Field, Form, SubmitButton, useZodForm } from '../../../components/form';
import { certificateRequest, download, generateKeys, pkcs12 } from './browser-keys';

const METHODS = [
  {
    value: 'pkcs12',
    label:
      'A certificate file for this computer (PKCS#12, recommended): this browser makes the key and puts it with the certificate in a .p12 file locked by a passphrase you choose.',
  },
  {
    value: 'browser',
    label:
      'Key locked in this browser: the key is made non-exportable, so no one can copy it, not even you. You download only the certificate (PEM); programs outside this page cannot use the key.',
  },
  {
    value: 'csr',
    label:
      'My own certificate request (CSR): your IT team made the key and a PKCS#10 request; paste it and download the certificate (PEM).',
  },
] as const;

interface Issued {
  certificate: CertificateView;
  pem: string;
}

type Saved = { name: string; data: ArrayBuffer | string; type: string };

export function GetCertificateForm({
  clients,
  renewing,
  onIssued,
}: {
  clients: { value: string; label: string }[];
  renewing: CertificateView | null;
  onIssued: () => Promise<void>;
}) {
  const form = useZodForm(certificateRequestForm, {
    defaultValues: {
      clientId: renewing?.clientId ?? (clients.length === 1 ? (clients[0]?.value ?? '') : ''),
      method: 'pkcs12',
      curve: 'P-256',
      passphrase: '',
      passphraseAgain: '',
      csr: '',
    },
  });
  const method = form.watch('method');
  const [saved, setSaved] = useState<Saved | null>(null);

  async function submit(values: CertificateRequestForm) {
    setSaved(null);
    const url = renewing
      ? `/api/certificates/${renewing.id}/renew`
      : `/api/certificates/clients/${values.clientId}`;
    // The private key is made here and never sent: only the request (public key + signature) goes to the server.
    const keys =
      values.method === 'csr' ? null : await generateKeys(values.curve, values.method === 'pkcs12');
    const csr = keys ? await certificateRequest(keys, values.curve) : values.csr;
    const issued = await postJson<Issued>(url, { csr });
    const file: Saved =
      keys && values.method === 'pkcs12'
        ? {
            name: 'openpbm-client-certificate.p12',
            data: await pkcs12(keys.privateKey, issued.pem, values.passphrase, 'OpenPBM client certificate'),
            type: 'application/x-pkcs12',
          }
        : { name: 'openpbm-client-certificate.pem', data: issued.pem, type: 'application/x-pem-file' };
    download(file.name, file.data, file.type);
    setSaved(file);
    form.reset({ ...values, passphrase: '', passphraseAgain: '', csr: '' });
    await onIssued();
  }

  return (
    <Form form={form} onSubmit={submit} aria-label="Get a certificate" className="clients-panel">
      {saved ? (
        <Alert heading="Your certificate is ready" headingLevel="3" variation="success" role="status">
          <p>
            It was saved as <strong>{saved.name}</strong>
            {saved.name.endsWith('.p12')
              ? '. Install it with the passphrase you chose; we do not keep the key or the passphrase.'
              : '.'}
          </p>
          <Button size="small" onClick={() => download(saved.name, saved.data, saved.type)}>
            Save it again
          </Button>
        </Alert>
      ) : null}
      {renewing ? (
        <p>
          Renewing certificate <code>{renewing.serial}</code>. The old one keeps working until it ends.
        </p>
      ) : (
        <Field name="clientId" label="Client" options={[{ value: '', label: 'Choose…' }, ...clients]} />
      )}
      <ChoiceField name="method" label="How do you want the certificate?" options={METHODS} />
      {method !== 'csr' ? (
        <ChoiceField
          name="curve"
          label="Key type"
          hint="Both are elliptic-curve keys; P-256 works everywhere."
          options={[
            { value: 'P-256', label: 'ECDSA P-256' },
            { value: 'P-384', label: 'ECDSA P-384' },
          ]}
        />
      ) : null}
      {method === 'pkcs12' ? (
        <>
          <Field
            name="passphrase"
            type="password"
            autoComplete="new-password"
            label="Passphrase for the file"
            hint="At least 8 characters. You will type it when you install the file. We cannot recover it."
          />
          <Field
            name="passphraseAgain"
            type="password"
            autoComplete="new-password"
            label="Passphrase again"
          />
        </>
      ) : null}
      {method === 'csr' ? (
        <Field
          name="csr"
          label="Certificate request (PEM)"
          hint="Starts with -----BEGIN CERTIFICATE REQUEST-----. RSA of 2048 bits or more, or ECDSA P-256/P-384."
          rows={8}
          spellCheck={false}
        />
      ) : null}
      <SubmitButton pending="Making your certificate…">
        {renewing ? 'Renew certificate' : 'Get certificate'}
      </SubmitButton>
    </Form>
  );
}
