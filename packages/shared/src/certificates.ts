// Client certificates (issue 11): what the client portal sends and receives.
import { z } from 'zod';

export const csrInput = z.object({
  csr: z.string().trim().min(1, 'Paste a certificate request (PEM) or generate one in the page.').max(20_000),
});
export type CsrInput = z.infer<typeof csrInput>;

export const serviceCertificateInput = csrInput.extend({
  serviceName: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'Use 2–40 lower-case letters, digits or hyphens (e.g. hr-system).'),
});

/** A PKCS#12 export needs a passphrase the user chooses (checked in the page, where the key is). */
export const pkcs12Input = z.object({
  passphrase: z.string().min(8, 'Choose a passphrase of at least 8 characters to protect the file.'),
});

/** The client portal's "Get a certificate" form: where the key is made decides what else is needed. */
export const CERTIFICATE_METHODS = ['pkcs12', 'browser', 'csr'] as const;
export const certificateRequestForm = z
  .object({
    clientId: z.string().min(1, 'Choose the client the certificate is for.'),
    method: z.enum(CERTIFICATE_METHODS, 'Choose how to get the certificate.'),
    curve: z.enum(['P-256', 'P-384']),
    passphrase: z.string(),
    passphraseAgain: z.string(),
    csr: z.string(),
  })
  .superRefine((v, ctx) => {
    if (v.method === 'pkcs12') {
      const checked = pkcs12Input.safeParse({ passphrase: v.passphrase });
      if (!checked.success)
        ctx.addIssue({
          code: 'custom',
          path: ['passphrase'],
          message: checked.error.issues[0]?.message ?? '',
        });
      else if (v.passphrase !== v.passphraseAgain)
        ctx.addIssue({ code: 'custom', path: ['passphraseAgain'], message: 'The two passphrases differ.' });
    }
    if (v.method === 'csr' && !csrInput.safeParse({ csr: v.csr }).success)
      ctx.addIssue({ code: 'custom', path: ['csr'], message: 'Paste your certificate request (PEM).' });
  });
export type CertificateRequestForm = z.infer<typeof certificateRequestForm>;

export const certificateView = z.object({
  id: z.string(),
  serial: z.string(),
  kind: z.enum(['user', 'service']),
  clientId: z.string(),
  serviceName: z.string().nullable(),
  subject: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  status: z.enum(['active', 'revoked', 'expired']),
  revokedAt: z.string().nullable(),
  renewsId: z.string().nullable(),
  daysLeft: z.number().int(),
});
export type CertificateView = z.infer<typeof certificateView>;

export const issuedCertificate = z.object({ certificate: certificateView, pem: z.string() });

export const certificateInventory = z.object({
  certificates: z.array(
    z.object({
      id: z.string(),
      serial: z.string(),
      kind: z.enum(['user', 'service']),
      clientId: z.string(),
      clientName: z.string(),
      serviceName: z.string().nullable(),
      subject: z.string(),
      notAfter: z.string(),
      status: z.enum(['active', 'revoked', 'expired']),
      revokedAt: z.string().nullable(),
      expiringSoon: z.boolean(),
    }),
  ),
  expiringWithin30Days: z.number().int(),
  revoked: z.number().int(),
});

/** A client's service identities (its HR systems) with their certificates, for its primary administrator. */
export const serviceIdentitiesView = z.object({
  identities: z.array(
    z.object({
      serviceName: z.string(),
      /** Newest first. */
      certificates: z.array(certificateView),
    }),
  ),
});
export type ServiceIdentitiesView = z.infer<typeof serviceIdentitiesView>;
