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
