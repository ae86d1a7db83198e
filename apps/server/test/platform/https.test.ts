// With TLS_CERT_FILE and TLS_KEY_FILE the server speaks HTTPS only, with a real certificate (made here by
// openssl) and HSTS. The certificate is RSA so that static-RSA key exchange would be possible if we allowed it;
// an ECDSA certificate is checked against a bare TLS server with the same options.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, createServer, type Server } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hardenedTls } from '../../src/platform/tls';
import { createTestApp, type TestApp } from '../harness';

let t: TestApp;
let dir: string;
let port: number;

/** A self-signed certificate for localhost with an RSA 2048 or ECDSA P-256 key. */
function makeCertificate(kind: 'rsa' | 'ec'): void {
  const key = kind === 'rsa' ? ['rsa:2048'] : ['ec', '-pkeyopt', 'ec_paramgen_curve:P-256'];
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      ...key,
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout',
      join(dir, `${kind}-key.pem`),
      '-out',
      join(dir, `${kind}-cert.pem`),
    ],
    { stdio: 'ignore' },
  );
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'openpbm-tls-'));
  makeCertificate('rsa');
  makeCertificate('ec');
  t = await createTestApp({
    env: { TLS_CERT_FILE: join(dir, 'rsa-cert.pem'), TLS_KEY_FILE: join(dir, 'rsa-key.pem') },
  });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  port = (t.app.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Opens a TLS connection offering only `ciphers` (TLS 1.2) or TLS 1.3; resolves the negotiated suite. */
function handshake(
  toPort: number,
  offer: { ciphers: string; maxVersion?: 'TLSv1.2' | 'TLSv1.3' },
): Promise<{ name: string; version: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect({
      host: '127.0.0.1',
      port: toPort,
      servername: 'localhost',
      rejectUnauthorized: false,
      ciphers: offer.ciphers,
      maxVersion: offer.maxVersion ?? 'TLSv1.2',
    });
    socket.once('secureConnect', () => {
      const { name, version } = socket.getCipher();
      socket.end();
      resolve({ name, version });
    });
    socket.once('error', reject);
  });
}

function get(
  path: string,
  ca?: Buffer,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, servername: 'localhost', ...(ca ? { ca } : {}) },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('HTTPS', () => {
  it('answers over TLS with a certificate the client verifies, and sends HSTS', async () => {
    const res = await get('/health', readFileSync(join(dir, 'rsa-cert.pem')));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ status: 'ok' });
    expect(res.headers['strict-transport-security']).toContain('max-age=31536000');
  });

  it('is rejected by a client that does not trust the certificate', async () => {
    await expect(get('/health')).rejects.toThrow(/self-signed|certificate/i);
  });
});

describe('TLS suites', () => {
  it('refuses static-RSA key exchange (no forward secrecy) on TLS 1.2', async () => {
    await expect(handshake(port, { ciphers: 'AES128-GCM-SHA256:AES256-GCM-SHA384' })).rejects.toThrow(
      /handshake failure|no shared cipher|alert/i,
    );
  });

  it('refuses CBC suites on TLS 1.2, even with ECDHE', async () => {
    await expect(
      handshake(port, { ciphers: 'ECDHE-RSA-AES128-SHA:ECDHE-RSA-AES256-SHA384:ECDHE-RSA-AES128-SHA256' }),
    ).rejects.toThrow(/handshake failure|no shared cipher|alert/i);
  });

  it('accepts ECDHE with AES-GCM or ChaCha20-Poly1305 on TLS 1.2, and TLS 1.3', async () => {
    expect(await handshake(port, { ciphers: 'ECDHE-RSA-AES128-GCM-SHA256' })).toEqual({
      name: 'ECDHE-RSA-AES128-GCM-SHA256',
      version: 'TLSv1.2',
    });
    expect((await handshake(port, { ciphers: 'ECDHE-RSA-CHACHA20-POLY1305' })).name).toBe(
      'ECDHE-RSA-CHACHA20-POLY1305',
    );
    const tls13 = await handshake(port, { ciphers: 'DEFAULT', maxVersion: 'TLSv1.3' });
    expect(tls13.version).toBe('TLSv1.3');
  });

  it('offers the ECDSA variants for an EC certificate, and no CBC', async () => {
    const server: Server = createServer(
      hardenedTls({
        cert: readFileSync(join(dir, 'ec-cert.pem')),
        key: readFileSync(join(dir, 'ec-key.pem')),
      }),
      (socket) => socket.end(),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const ecPort = (server.address() as AddressInfo).port;
    try {
      expect((await handshake(ecPort, { ciphers: 'ECDHE-ECDSA-AES256-GCM-SHA384' })).name).toBe(
        'ECDHE-ECDSA-AES256-GCM-SHA384',
      );
      await expect(handshake(ecPort, { ciphers: 'ECDHE-ECDSA-AES128-SHA' })).rejects.toThrow(
        /handshake failure|no shared cipher|alert/i,
      );
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
