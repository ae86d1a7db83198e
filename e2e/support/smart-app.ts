// A tiny third-party "app" for the SMART journey: an HTTP server on 127.0.0.1 only, with a start page, a launch
// that sends the browser to the authorization endpoint (SMART standalone launch, PKCE S256), a callback that trades
// the code for a token and reads Patient and ExplanationOfBenefit, and a page that reads again with the same token.
// Its pages answer 200 with what happened (so the browser console stays clean when the server says 401).
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SmartTestApp {
  origin: string;
  redirectUri: string;
  /** Set once an administrator has registered the app. */
  setClientId(clientId: string): void;
  stop(): Promise<void>;
}

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`;
const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

export async function startSmartTestApp(fhirServer: string): Promise<SmartTestApp> {
  const fhirBase = `${fhirServer}/fhir`;
  let clientId = '';
  const pending = new Map<string, string>(); // state → PKCE verifier
  let token: { access_token: string; patient: string } | null = null;

  async function read(path: string) {
    const res = await fetch(`${fhirBase}/${path}`, {
      headers: { authorization: `Bearer ${token?.access_token}`, accept: 'application/fhir+json' },
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  async function readAll(): Promise<string> {
    const patient = await read(`Patient/${token?.patient}`);
    const eobs = await read(`ExplanationOfBenefit?patient=${token?.patient}&_count=50`);
    if (patient.status !== 200 || eobs.status !== 200) {
      return `<p id="result">Read failed: Patient ${patient.status}, ExplanationOfBenefit ${eobs.status}</p>`;
    }
    const name = (patient.body.name as Array<{ given?: string[]; family?: string }>)[0];
    return `<p id="result">Read ${escapeHtml(`${name?.given?.[0] ?? ''} ${name?.family ?? ''}`)}: ${Number(eobs.body.total)} claims</p>`;
  }

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (html: string, status = 200, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
      res.end(html);
    };
    try {
      if (url.pathname === '/') {
        send(page('Budget Health App', '<p><a href="/launch">Connect my pharmacy plan</a></p>'));
      } else if (url.pathname === '/launch') {
        const verifier = randomBytes(32).toString('base64url');
        const state = randomBytes(8).toString('hex');
        pending.set(state, verifier);
        const auth = new URL(`${fhirServer}/oauth/auth`);
        auth.search = new URLSearchParams({
          response_type: 'code',
          client_id: clientId,
          redirect_uri: redirectUri,
          scope: 'openid fhirUser launch/patient offline_access patient/*.rs',
          state,
          aud: fhirBase,
          code_challenge: createHash('sha256').update(verifier).digest('base64url'),
          code_challenge_method: 'S256',
        }).toString();
        send('', 302, { location: auth.toString() });
      } else if (url.pathname === '/callback') {
        const verifier = pending.get(url.searchParams.get('state') ?? '');
        const code = url.searchParams.get('code');
        if (!verifier || !code) {
          send(
            page(
              'Not connected',
              `<p id="result">${escapeHtml(url.searchParams.get('error') ?? 'no code')}</p>`,
            ),
          );
          return;
        }
        const tokenRes = await fetch(`${fhirServer}/oauth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            grant_type: 'authorization_code',
            code,
            redirect_uri: redirectUri,
            client_id: clientId,
            code_verifier: verifier,
          }).toString(),
        });
        token = (await tokenRes.json()) as { access_token: string; patient: string };
        send(page('Connected', await readAll()));
      } else if (url.pathname === '/favicon.ico') {
        send('', 204);
      } else if (url.pathname === '/read') {
        send(page('Your claims', await readAll()));
      } else {
        send(page('Not found', ''), 404);
      }
    } catch (error) {
      send(page('Error', `<p id="result">${escapeHtml(String(error))}</p>`), 500);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const redirectUri = `${origin}/callback`;
  return {
    origin,
    redirectUri,
    setClientId: (id) => {
      clientId = id;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
