// API contracts for third-party apps on the FHIR API (SMART on FHIR): the consent step, connected apps, and app
// registration by an administrator. Shared by the server routes and the member / admin web pages.
import { z } from 'zod';

export const consentDetails = z.object({
  clientId: z.string(),
  clientName: z.string(),
  scopes: z.array(z.object({ scope: z.string(), description: z.string() })),
  patients: z.array(
    z.object({ memberId: z.uuid(), name: z.string(), relationship: z.enum(['self', 'dependent']) }),
  ),
});
export type ConsentDetails = z.infer<typeof consentDetails>;

export const consentDecision = z.discriminatedUnion('approve', [
  z.object({ approve: z.literal(true), patientId: z.uuid({ message: 'Choose whose record to share.' }) }),
  z.object({ approve: z.literal(false) }),
]);
export type ConsentDecision = z.infer<typeof consentDecision>;

export const consentResult = z.object({ redirectTo: z.string() });

export const connectedAppsResponse = z.object({
  apps: z.array(
    z.object({
      grantId: z.string(),
      clientId: z.string(),
      clientName: z.string(),
      patientName: z.string(),
      scopes: z.array(z.object({ scope: z.string(), description: z.string() })),
      connectedAt: z.string(),
      /** The last FHIR read with the app's tokens (to the minute), null when never used. */
      lastUsedAt: z.string().nullable(),
    }),
  ),
});
export type ConnectedAppsResponse = z.infer<typeof connectedAppsResponse>;

const redirectUri = z
  .url({ message: 'Enter a full URL such as https://app.example.com/callback.' })
  .refine((value) => !value.includes('#'), 'A redirect URI cannot contain a fragment (#).');

export const appRegistrationRequest = z.object({
  clientName: z.string().trim().min(2, 'Enter the app name.').max(120),
  redirectUris: z.array(redirectUri).min(1, 'Enter at least one redirect URI.').max(10),
  confidential: z.boolean(),
});
export type AppRegistrationRequest = z.infer<typeof appRegistrationRequest>;

export const appRegistrationResponse = z.object({
  clientId: z.string(),
  clientName: z.string(),
  /** Only for a confidential app, shown once. */
  clientSecret: z.string().optional(),
});

export const registeredAppsResponse = z.object({
  apps: z.array(
    z.object({
      clientId: z.string(),
      clientName: z.string(),
      redirectUris: z.array(z.string()),
      confidential: z.boolean(),
    }),
  ),
});

/** A public key of a prescriber system (SMART Backend Services): RS384 (RSA) or ES384 (EC P-384), no private part. */
const publicJwk = z
  .object({ kty: z.enum(['RSA', 'EC']), kid: z.string().min(1).max(200) })
  .catchall(z.unknown())
  .refine((key) => !('d' in key), 'Send the public key only (no "d").');

/** An admin registers a prescriber system: a confidential client for client credentials, acting as one prescriber. */
export const backendClientRegistrationRequest = z.object({
  clientName: z.string().trim().min(2, 'Enter the system name.').max(120),
  prescriberUserId: z.uuid({ message: 'Choose the prescriber account this system acts as.' }),
  jwks: z.object({ keys: z.array(publicJwk).min(1, 'Add at least one public key.').max(5) }),
});
export type BackendClientRegistrationRequest = z.infer<typeof backendClientRegistrationRequest>;

export const backendClientRegistrationResponse = z.object({
  clientId: z.string(),
  clientName: z.string(),
  prescriberUserId: z.string(),
  scope: z.string(),
});
