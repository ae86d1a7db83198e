// The card vault on its own: signed requests only, loopback only, AES-256-GCM at rest, each charge once per key.

import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVaultChild } from '../src/child-process';
import { createVaultClient, VaultError } from '../src/client';
import { loadVaultConfig } from '../src/config';
import { cardFingerprint, deriveVaultKey } from '../src/crypto';
import { listenVault, type RunningVault } from '../src/server';
import { signedHeaders } from '../src/signing';
import { openVaultStore, type VaultStore } from '../src/store';

const SECRET = 'test-caller-secret-0123456789-abcdefghij';
const KEY = 'ab'.repeat(32);
const VISA = '4111111111111111';
const today = new Date().toISOString().slice(0, 10);

let store: VaultStore;
let vault: RunningVault;
let port: number;

beforeAll(async () => {
  store = await openVaultStore({ dataDir: 'memory://' });
  vault = await listenVault(
    { callerSecret: SECRET, encryptionKeyHex: KEY, host: '127.0.0.1', port: 0 },
    store,
  );
  port = Number(new URL(vault.url).port);
});
afterAll(async () => {
  await vault.close();
  await store.close();
});

function rawCall(method: string, path: string, body: string, headers: Record<string, string>) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      let text = '';
      res.on('data', (c) => {
        text += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('card vault', () => {
  it('tokenizes a card and keeps only ciphertext in its database', async () => {
    const client = createVaultClient(vault.url, SECRET);
    const card = await client.tokenize({ cardNumber: '4111 1111 1111 1111', expMonth: 12, expYear: 2030 });
    expect(card).toMatchObject({ brand: 'visa', last4: '1111', expMonth: 12, expYear: 2030 });
    expect(card.token).toMatch(/^tok_[A-Za-z0-9_-]{32}$/);
    const record = await store.find(card.token);
    expect(record?.sealed).toMatch(/^v1\./);
    expect(JSON.stringify(record)).not.toContain(VISA);
  });

  it('gives the same card the same keyed fingerprint, and another card or vault key a different one', async () => {
    const client = createVaultClient(vault.url, SECRET);
    const a = await client.tokenize({ cardNumber: VISA, expMonth: 12, expYear: 2030 });
    const b = await client.tokenize({ cardNumber: '4111-1111-1111-1111', expMonth: 1, expYear: 2032 });
    const other = await client.tokenize({ cardNumber: '5555555555554444', expMonth: 12, expYear: 2030 });
    expect(a.fingerprint).toMatch(/^fp_[A-Za-z0-9_-]{43}$/);
    expect(b.fingerprint).toBe(a.fingerprint);
    expect(b.token).not.toBe(a.token);
    expect(other.fingerprint).not.toBe(a.fingerprint);
    // Keyed: not the plain SHA-256 of the number, and another vault key gives another fingerprint.
    expect(a.fingerprint).not.toContain(createHash('sha256').update(VISA).digest('base64url'));
    const otherKey = deriveVaultKey(randomBytes(32).toString('hex'));
    expect(cardFingerprint(otherKey, VISA)).not.toBe(a.fingerprint);
  });

  it('charges a card once per idempotency key and never answers with the card number', async () => {
    const client = createVaultClient(vault.url, SECRET);
    const { token } = await client.tokenize({ cardNumber: VISA, expMonth: 1, expYear: 2031 });
    const request = {
      idempotencyKey: 'pay_hd1_attempt1',
      token,
      amountCents: 1234,
      reference: 'order:HD1',
      today,
    };
    const first = await client.charge(request);
    expect(first).toMatchObject({ status: 'captured', amountCents: 1234, reference: 'order:HD1' });
    expect(first.processorReference).toMatch(/^sim_/);
    // The caller died before recording it and sends the same key again: the first charge, not a second one.
    expect(await client.charge(request)).toEqual(first);
    expect(await client.findCharge('pay_hd1_attempt1')).toEqual(first);
    expect(await client.findCharge('pay_never_sent')).toBeNull();
    expect(JSON.stringify(first)).not.toContain(VISA);
    // A key stands for one charge: another amount or card under it is refused.
    await expect(client.charge({ ...request, amountCents: 999 })).rejects.toMatchObject({
      status: 409,
      code: 'idempotency_key_reused',
    });
    // Another key is another charge.
    const second = await client.charge({ ...request, idempotencyKey: 'pay_hd1_attempt2' });
    expect(second.processorReference).not.toBe(first.processorReference);
  });

  it('records declines, refuses bad requests, and has no detokenize endpoint', async () => {
    const client = createVaultClient(vault.url, SECRET);
    const { token } = await client.tokenize({ cardNumber: '4000000000000002', expMonth: 1, expYear: 2031 });
    const declined = {
      idempotencyKey: 'pay_hd2_attempt1',
      token,
      amountCents: 500,
      reference: 'order:HD2',
      today,
    };
    expect(await client.charge(declined)).toMatchObject({ status: 'declined', declineCode: 'card_declined' });
    expect(await client.charge(declined)).toMatchObject({ status: 'declined', declineCode: 'card_declined' });
    await expect(client.charge({ ...declined, idempotencyKey: 'x' })).rejects.toMatchObject({ status: 400 });
    await expect(client.charge({ ...declined, amountCents: 0 })).rejects.toMatchObject({ status: 400 });
    const body = JSON.stringify({ token, purpose: 'payment', reference: 'x' });
    const res = await rawCall('POST', '/v1/cards/detokenize', body, {
      ...signedHeaders(SECRET, 'POST', '/v1/cards/detokenize', body),
      'content-type': 'application/json',
    });
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('4000000000000002');
  });

  it('answers pending while a charge is out, and after a processor failure, instead of charging again', async () => {
    let calls = 0;
    let release: (() => void) | undefined;
    const slow = await listenVault(
      { callerSecret: SECRET, encryptionKeyHex: KEY, host: '127.0.0.1', port: 0 },
      store,
      {
        async charge() {
          calls += 1;
          if (calls === 2) throw new Error('processor connection reset');
          await new Promise<void>((resolve) => {
            release = resolve;
          });
          return { approved: true, reference: `sim_slow${calls}` };
        },
      },
    );
    try {
      const client = createVaultClient(slow.url, SECRET);
      const { token } = await client.tokenize({ cardNumber: VISA, expMonth: 1, expYear: 2031 });
      const request = {
        idempotencyKey: 'pay_hd3_attempt1',
        token,
        amountCents: 700,
        reference: 'order:HD3',
        today,
      };
      const out = client.charge(request);
      await expect.poll(() => release).toBeDefined();
      expect(await client.charge(request)).toMatchObject({ status: 'pending' });
      release?.();
      expect(await out).toMatchObject({ status: 'captured', processorReference: 'sim_slow1' });
      expect(calls).toBe(1);

      // The processor call fails: the ledger keeps the charge pending (its outcome unknown), and the same key
      // is not sent to the processor again until the charge is stale.
      const failing = { ...request, idempotencyKey: 'pay_hd4_attempt1', reference: 'order:HD4' };
      await expect(client.charge(failing)).rejects.toMatchObject({ status: 500 });
      expect(await client.charge(failing)).toMatchObject({ status: 'pending' });
      expect(calls).toBe(2);
      // Stale: taken over once (the next caller waits for it), then sent again under the same key.
      expect(await store.retakeCharge('pay_hd4_attempt1', new Date(Date.now() + 1000))).toBe(true);
      expect(await store.retakeCharge('pay_hd4_attempt1', new Date(Date.now() - 1000))).toBe(false);
    } finally {
      await slow.close();
    }
  });

  it('refuses unsigned, wrongly signed, stale and replayed requests', async () => {
    const body = JSON.stringify({ cardNumber: VISA, expMonth: 1, expYear: 2031 });
    expect((await rawCall('POST', '/v1/cards', body, {})).status).toBe(401);

    const wrong = signedHeaders('another-secret-of-enough-length-000000000', 'POST', '/v1/cards', body);
    expect((await rawCall('POST', '/v1/cards', body, wrong)).status).toBe(401);

    const stale = signedHeaders(SECRET, 'POST', '/v1/cards', body, Date.now() - 5 * 60_000);
    expect((await rawCall('POST', '/v1/cards', body, stale)).status).toBe(401);

    const good = signedHeaders(SECRET, 'POST', '/v1/cards', body);
    expect((await rawCall('POST', '/v1/cards', body, good)).status).toBe(201);
    expect((await rawCall('POST', '/v1/cards', body, good)).status).toBe(401);

    // A signature for one body does not cover another.
    const other = JSON.stringify({ cardNumber: '5555555555554444', expMonth: 1, expYear: 2031 });
    expect(
      (await rawCall('POST', '/v1/cards', other, signedHeaders(SECRET, 'POST', '/v1/cards', body))).status,
    ).toBe(401);
  });

  it('rejects numbers that fail Luhn and deletes tokens', async () => {
    const client = createVaultClient(vault.url, SECRET);
    await expect(
      client.tokenize({ cardNumber: '4111111111111112', expMonth: 1, expYear: 2031 }),
    ).rejects.toThrow(VaultError);
    const { token } = await client.tokenize({ cardNumber: '378282246310005', expMonth: 2, expYear: 2032 });
    expect(await client.remove(token)).toBe(true);
    await expect(
      client.charge({
        idempotencyKey: 'pay_removed_1',
        token,
        amountCents: 100,
        reference: 'order:HD5',
        today,
      }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('listens on a unix socket as well', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vault-sock-'));
    const socketPath = join(dir, 'vault.sock');
    const onSocket = await listenVault(
      { callerSecret: SECRET, encryptionKeyHex: KEY, host: '127.0.0.1', port: 0, socketPath },
      store,
    );
    try {
      expect(onSocket.url).toBe(`unix:${socketPath}`);
      expect((await createVaultClient(onSocket.url, SECRET).health()).status).toBe('ok');
    } finally {
      await onSocket.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('vault configuration', () => {
  const base = { VAULT_CALLER_SECRET: SECRET, VAULT_ENCRYPTION_KEY: KEY };

  it('listens on loopback only', () => {
    expect(() => loadVaultConfig({ ...base, VAULT_HOST: '0.0.0.0' })).toThrow(/loopback/);
    expect(() => loadVaultConfig({ ...base, VAULT_HOST: '10.1.2.3' })).toThrow(/loopback/);
    expect(loadVaultConfig({ ...base, VAULT_HOST: '::1' }).host).toBe('::1');
  });

  it('needs a caller secret and a key of its own', () => {
    expect(() => loadVaultConfig({ VAULT_ENCRYPTION_KEY: KEY })).toThrow(/VAULT_CALLER_SECRET/);
    expect(() => loadVaultConfig({ ...base, FIELD_ENCRYPTION_KEY: KEY })).toThrow(
      /differ from FIELD_ENCRYPTION_KEY/,
    );
    expect(() =>
      loadVaultConfig({
        VAULT_CALLER_SECRET: SECRET,
        NODE_ENV: 'production',
        VAULT_DATA_DIR: '/nonexistent/x',
      }),
    ).toThrow(/VAULT_ENCRYPTION_KEY/);
  });

  it('creates a 0600 key file outside production', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vault-key-'));
    try {
      const config = loadVaultConfig({ VAULT_CALLER_SECRET: SECRET, VAULT_DATA_DIR: dir });
      const file = join(dir, 'vault.key');
      expect(readFileSync(file, 'utf8').trim()).toBe(config.encryptionKeyHex);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(loadVaultConfig({ VAULT_CALLER_SECRET: SECRET, VAULT_DATA_DIR: dir }).encryptionKeyHex).toBe(
        config.encryptionKeyHex,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('vault as a child process', () => {
  it('starts, answers signed requests and stops', async () => {
    const child = await startVaultChild({ dataDir: 'memory://' });
    try {
      expect(child.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const client = createVaultClient(child.url, child.callerSecret);
      const card = await client.tokenize({ cardNumber: VISA, expMonth: 3, expYear: 2033 });
      expect(card.last4).toBe('1111');
      await expect(createVaultClient(child.url, SECRET).health()).rejects.toMatchObject({ status: 401 });
    } finally {
      await child.stop();
    }
    expect(() => process.kill(child.pid, 0)).toThrow();
  });
});
