// A running OpenPBM (listening on a real port, so a FHIR client and a browser-like OAuth flow reach it over HTTP)
// on the member benefits world, with an admin who registers a third-party app, and a small "app" that runs the
// SMART standalone launch: authorize → consent (the member's portal API) → token with PKCE.
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { createMemberWorld, type MemberWorld } from '../benefits/member-world';
import { createTestUser, signInAs } from '../sign-in';

export interface SmartWorld extends MemberWorld {
  origin: string;
  fhirBase: string;
  adminHeaders: Record<string, string>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function createSmartWorld(): Promise<SmartWorld> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const world = await createMemberWorld({ env: { PUBLIC_URL: origin } });
  await world.t.app.listen({ port, host: '127.0.0.1' });
  const admin = await createTestUser(world.t, 'admin');
  const { headers: adminHeaders } = await signInAs(world.t, admin);
  return { ...world, origin, fhirBase: `${origin}/fhir`, adminHeaders };
}

export async function registerTestApp(
  world: SmartWorld,
  options: { confidential?: boolean; redirectUri?: string } = {},
): Promise<{ clientId: string; clientSecret?: string; redirectUri: string }> {
  const redirectUri = options.redirectUri ?? 'http://localhost:9999/callback';
  const res = await world.t.app.inject({
    method: 'POST',
    url: '/api/fhir-apps/clients',
    headers: world.adminHeaders,
    payload: {
      clientName: 'Budget Health App',
      redirectUris: [redirectUri],
      confidential: options.confidential ?? false,
    },
  });
  if (res.statusCode !== 201) throw new Error(`app registration failed: ${res.statusCode} ${res.body}`);
  return { ...(res.json() as { clientId: string; clientSecret?: string }), redirectUri };
}

/** A browser's cookie jar, enough for oidc-provider's interaction and session cookies. */
class CookieJar {
  private cookies = new Map<string, string>();
  store(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (pair && eq > 0) this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1));
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

export const pkcePair = () => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

export interface LaunchOptions {
  clientId: string;
  redirectUri: string;
  scope?: string;
  /** Which member signs in on the consent page (a key of world.users). */
  member?: keyof MemberWorld['users'];
  /** Whose record they choose (defaults to their own). */
  patientId?: string;
  approve?: boolean;
}

/** Authorize → consent → the app's redirect URI with a code. Returns the code (or the error) and the verifier. */
export async function authorize(world: SmartWorld, options: LaunchOptions) {
  const jar = new CookieJar();
  const pkce = pkcePair();
  const state = randomBytes(8).toString('hex');
  const url = new URL(`${world.origin}/oauth/auth`);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: options.clientId,
    redirect_uri: options.redirectUri,
    scope: options.scope ?? 'openid fhirUser launch/patient offline_access patient/*.rs',
    state,
    aud: world.fhirBase,
    code_challenge: pkce.challenge,
    code_challenge_method: 'S256',
  }).toString();
  const start = await fetch(url, { redirect: 'manual' });
  jar.store(start);
  const consentPage = start.headers.get('location') ?? '';
  const uid = /\/members\/connected-apps\/authorize\/([^/?#]+)$/.exec(consentPage)?.[1];
  if (!uid) throw new Error(`no consent redirect: ${start.status} ${consentPage} ${await start.text()}`);

  const member = options.member ?? 'subscriber';
  const headers = await world.headersFor(member);
  const details = await world.t.app.inject({
    method: 'GET',
    url: `/api/fhir-apps/authorizations/${uid}`,
    headers,
  });
  const approve = options.approve ?? true;
  const patientId =
    options.patientId ??
    (details.json() as { patients: Array<{ memberId: string; relationship: string }> }).patients.find(
      (p) => p.relationship === 'self',
    )?.memberId;
  const decided = await world.t.app.inject({
    method: 'POST',
    url: `/api/fhir-apps/authorizations/${uid}`,
    headers,
    payload: approve ? { approve: true, patientId } : { approve: false },
  });
  if (decided.statusCode !== 200) throw new Error(`consent failed: ${decided.statusCode} ${decided.body}`);

  // Follow the provider's redirects back to the app.
  let next = (decided.json() as { redirectTo: string }).redirectTo;
  for (let hop = 0; hop < 5 && !next.startsWith(options.redirectUri); hop += 1) {
    const res = await fetch(new URL(next, world.origin), {
      redirect: 'manual',
      headers: { cookie: jar.header() },
    });
    jar.store(res);
    next = res.headers.get('location') ?? '';
    if (!next) throw new Error(`resume stopped: ${res.status} ${await res.text()}`);
  }
  const back = new URL(next);
  return {
    uid,
    details: details.json() as {
      clientName: string;
      scopes: Array<{ scope: string }>;
      patients: Array<{ memberId: string }>;
    },
    code: back.searchParams.get('code'),
    error: back.searchParams.get('error'),
    state: back.searchParams.get('state'),
    expectedState: state,
    verifier: pkce.verifier,
  };
}

export async function tokenRequest(world: SmartWorld, form: Record<string, string>, basic?: string) {
  const res = await fetch(`${world.origin}/oauth/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(basic ? { authorization: `Basic ${basic}` } : {}),
    },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** The whole standalone launch: returns the token response. */
export async function launch(world: SmartWorld, options: LaunchOptions) {
  const auth = await authorize(world, options);
  if (!auth.code) throw new Error(`no code: ${auth.error}`);
  const token = await tokenRequest(world, {
    grant_type: 'authorization_code',
    code: auth.code,
    redirect_uri: options.redirectUri,
    client_id: options.clientId,
    code_verifier: auth.verifier,
  });
  if (token.status !== 200) throw new Error(`token failed: ${token.status} ${JSON.stringify(token.body)}`);
  return token.body as {
    access_token: string;
    refresh_token?: string;
    patient: string;
    scope: string;
    id_token?: string;
  };
}
