// The OAuth 2.0 / OpenID Connect authorization server for SMART App Launch (standalone launch), built on
// oidc-provider (an OpenID-certified library): authorization code with PKCE (S256, required for every app),
// refresh tokens (offline_access), revocation, opaque access tokens bound to the FHIR base as their resource.
// State lives in the database (oidc-adapter.ts) and the signing key is shared (signing-key.ts): nodes are stateless.
// Sign-in and consent happen in the member portal: the interaction URL is a web page that calls /api/fhir-apps.
import { createHmac } from 'node:crypto';
import { schema } from '@openpbm/db';
import { fieldKeyFromConfig } from '@openpbm/db/field-crypto';
import { eq } from 'drizzle-orm';
import Provider, { type Configuration, errors, type KoaContextWithOIDC } from 'oidc-provider';
import type { AppDeps } from '../app-deps';
import { patientForGrant } from './app-authorization-repo';
import { postgresAdapterFactory } from './oidc-adapter';
import { loadSigningKey } from './signing-key';
import { BACKEND_SCOPES, FHIR_SCOPES, OIDC_SCOPES } from './smart-scopes';

export const OAUTH_PREFIX = '/oauth';
export const FHIR_PREFIX = '/fhir';

/** Client metadata of a prescriber system: the OpenPBM prescriber account it acts as. */
export const PRESCRIBER_USER_METADATA = 'openpbm_prescriber_user_id';

export const consentPagePath = (uid: string) => `/members/connected-apps/authorize/${uid}`;

export interface SmartAuthServer {
  provider: Provider;
  issuer: string;
  fhirBase: string;
  /** The storage adapter class (apps are registered through it). */
  adapter: ReturnType<typeof postgresAdapterFactory>;
}

const servers = new WeakMap<AppDeps, Promise<SmartAuthServer>>();

/** One authorization server per app instance, shared by the /oauth mount, /fhir and /api/fhir-apps. */
export function smartAuthServerFor(deps: AppDeps): Promise<SmartAuthServer> {
  let server = servers.get(deps);
  if (!server) {
    server = createSmartAuthServer(deps);
    servers.set(deps, server);
  }
  return server;
}

export async function createSmartAuthServer(deps: AppDeps): Promise<SmartAuthServer> {
  const { config, db } = deps;
  const issuer = `${config.publicUrl}${OAUTH_PREFIX}`;
  const fhirBase = `${config.publicUrl}${FHIR_PREFIX}`;
  const fieldKey = fieldKeyFromConfig(config);
  const cookieKey = createHmac('sha256', config.APP_SECRET)
    .update('oidc-provider cookies')
    .digest('base64url');

  const adapter = postgresAdapterFactory(db.db, fieldKey, deps.now);
  const configuration: Configuration = {
    adapter,
    jwks: { keys: [await loadSigningKey(db.db, fieldKey)] },
    cookies: { keys: [cookieKey] },
    scopes: [...OIDC_SCOPES],
    claims: { openid: ['sub'], fhirUser: ['fhirUser'] },
    pkce: { required: () => true },
    // Prescriber systems (SMART Backend Services) sign a client_assertion with their registered key.
    enabledJWA: { clientAuthSigningAlgValues: ['RS384', 'ES384'] },
    clientAuthMethods: ['none', 'client_secret_basic', 'client_secret_post', 'private_key_jwt'],
    extraClientMetadata: { properties: [PRESCRIBER_USER_METADATA] },
    // SMART Backend Services: an assertion lives at most five minutes.
    assertJwtClientAuthClaimsAndHeader: async (_ctx, claims) => {
      if (typeof claims.exp !== 'number' || claims.exp > Math.floor(Date.now() / 1000) + 300) {
        throw new errors.InvalidClientAuth('the client_assertion must expire within five minutes');
      }
    },
    clientDefaults: {
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => fhirBase,
        useGrantedResource: () => true,
        // A patient app gets patient scopes; a prescriber system (client credentials) gets the PAS scopes only.
        getResourceServerInfo: (_ctx, resource, client) => {
          if (resource !== fhirBase) throw new errors.InvalidTarget();
          const backend = client.grantTypes?.includes('client_credentials');
          const scope = (backend ? BACKEND_SCOPES : FHIR_SCOPES).join(' ');
          return { scope, audience: fhirBase, accessTokenFormat: 'opaque' };
        },
      },
    },
    ttl: {
      AccessToken: 60 * 60,
      // SMART Backend Services: a prescriber system's token lives five minutes.
      ClientCredentials: 5 * 60,
      AuthorizationCode: 60,
      IdToken: 60 * 60,
      Interaction: 60 * 60,
      Session: 60 * 60,
      Grant: 365 * 24 * 60 * 60,
      RefreshToken: 90 * 24 * 60 * 60,
    },
    // Every authorization shows the consent page (a member picks whose record each time): only the grant the
    // consent step just made counts, never an earlier one silently re-used.
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.result?.consent?.grantId;
      return grantId ? ctx.oidc.provider.Grant.find(grantId) : undefined;
    },
    // Errors that cannot go back to the app (unknown client, unregistered redirect URI) are shown to the person.
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      const text = (value: unknown) =>
        String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
      ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>OpenPBM: this app link did not work</title></head><body><main><h1>This app link did not work</h1><p>Go back to the app and try again. If it keeps happening, tell the app's maker.</p><p><code>${text(out.error)}</code>: ${text(out.error_description)}</p></main></body></html>`;
    },
    interactions: { url: (_ctx, interaction) => consentPagePath(interaction.uid) },
    extraTokenClaims: async (_ctx, token) => {
      const grantId = (token as { grantId?: string }).grantId;
      const patient = grantId ? await patientForGrant(db.db, grantId) : null;
      return patient ? { patient } : undefined;
    },
    findAccount: async (_ctx, sub) => {
      const [user] = await db.db
        .select({ id: schema.users.id, memberId: schema.users.memberId, status: schema.users.status })
        .from(schema.users)
        .where(eq(schema.users.id, sub));
      if (user?.status !== 'active' || !user.memberId) return undefined;
      const memberId = user.memberId;
      return {
        accountId: user.id,
        claims: () => ({ sub: user.id, fhirUser: `${fhirBase}/Patient/${memberId}` }),
      };
    },
  };

  const provider = new Provider(issuer, configuration);
  provider.proxy = config.TRUST_PROXY === true;
  // OpenID Connect drops offline_access unless the request says prompt=consent; SMART apps do not send it, and
  // every authorization here goes through the consent page anyway, so say it for them.
  provider.use(async (ctx, next) => {
    if (ctx.method === 'GET' && ctx.path === '/auth') {
      const query = ctx.query as Record<string, string | undefined>;
      if (query.scope?.split(' ').includes('offline_access') && !query.prompt) {
        ctx.query = { ...query, prompt: 'consent' };
        // Koa rewrote req.url; keep the mount prefix derivable (oidc-provider compares it with originalUrl).
        (ctx.req as { originalUrl?: string }).originalUrl = `${OAUTH_PREFIX}${ctx.url}`;
      }
    }
    await next();
  });
  // SMART: the token response names the patient the access token is bound to.
  provider.use(async (ctx: KoaContextWithOIDC, next) => {
    await next();
    if (ctx.oidc?.route !== 'token' || ctx.status !== 200) return;
    const body = ctx.body as Record<string, unknown> | undefined;
    if (typeof body?.access_token !== 'string') return;
    const token = await provider.AccessToken.find(body.access_token);
    const patient = token?.extra?.patient;
    if (typeof patient === 'string') ctx.body = { ...body, patient };
  });
  return { provider, issuer, fhirBase, adapter };
}
