// The claims TCP listener over a real loopback socket: framing, the shared-secret handshake, D.0 traffic.
import net from 'node:net';
import { parseResponse } from '@openpbm/ncpdp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClaimsService } from '../../src/claims/service';
import { connectClaimsTcp } from '../../src/claims/tcp-client';
import { FrameDecoder, frame } from '../../src/claims/tcp-framing';
import {
  type ClaimsTcpListener,
  handshakeMac,
  parseSecrets,
  startClaimsTcpListener,
} from '../../src/claims/tcp-listener';
import { addMember, type BenefitsFixture, buildBenefitsFixture } from '../fixtures/benefits';
import { createTestApp, type TestApp } from '../harness';
import { claimBytes } from './claim-builders';

const SECRET = 'retail-pharmacy-shared-secret-0123456789';
let t: TestApp;
let f: BenefitsFixture;
let listener: ClaimsTcpListener;

beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-03-10T15:00:00Z') });
  f = await buildBenefitsFixture(t.db.db);
  listener = await startClaimsTcpListener({
    db: t.db.db,
    claims: createClaimsService(t.deps),
    config: {
      CLAIMS_TCP_HOST: '127.0.0.1',
      CLAIMS_TCP_PORT: 0,
      CLAIMS_TCP_SECRETS: `${f.pharmacies.retail.npi}=${SECRET},${f.pharmacies.retail2.ncpdpId}=${SECRET}-2`,
    },
  });
});
afterAll(async () => {
  await listener?.close();
  await t?.close();
});

const connect = (secret = SECRET, providerId = f.pharmacies.retail.npi, qualifier: '01' | '07' = '01') =>
  connectClaimsTcp({ port: listener.port, qualifier, providerId, secret });

describe('claims TCP listener', () => {
  it('adjudicates D.0 transmissions from an authenticated pharmacy, in order', async () => {
    const client = await connect();
    try {
      const member = await addMember(t.db.db, f);
      const [paid, notSigner] = await Promise.all([
        client.send(claimBytes(f, { member })),
        client.send(claimBytes(f, { member: await addMember(t.db.db, f), pharmacy: f.pharmacies.retail2 })),
      ]);
      expect(parseResponse(paid).transactions[0]?.status?.transactionResponseStatus).toBe('P');
      const rejected = parseResponse(notSigner);
      expect(rejected.transactions[0]?.status?.rejects?.map((r) => r.code)).toEqual(['50']);
      const garbage = parseResponse(await client.send(new TextEncoder().encode('hello')));
      expect(garbage.header.headerResponseStatus).toBe('R');
    } finally {
      client.close();
    }
  });

  it('authenticates by NCPDP provider ID too', async () => {
    const client = await connect(`${SECRET}-2`, f.pharmacies.retail2.ncpdpId, '07');
    const response = parseResponse(
      await client.send(
        claimBytes(f, {
          member: await addMember(t.db.db, f),
          pharmacy: f.pharmacies.retail2,
          serviceProviderIdQualifier: '07',
          serviceProviderId: f.pharmacies.retail2.ncpdpId,
        }),
      ),
    );
    client.close();
    expect(response.transactions[0]?.status?.transactionResponseStatus).toBe('P');
  });

  it('refuses a wrong secret, an unknown pharmacy and a replayed handshake', async () => {
    await expect(connect('x'.repeat(40))).rejects.toThrow(
      /authentication refused: ERR authentication failed/,
    );
    await expect(connect(SECRET, f.pharmacies.outOfNetwork.npi)).rejects.toThrow(/authentication refused/);

    // A handshake computed for another challenge does not open a new connection.
    const socket = net.connect({ port: listener.port, host: '127.0.0.1' });
    const decoder = new FrameDecoder();
    const frames: string[] = [];
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.on('data', (chunk: Buffer) => {
      for (const p of decoder.push(chunk)) frames.push(p.toString('latin1'));
    });
    const stale = handshakeMac(SECRET, '00'.repeat(32), '01', f.pharmacies.retail.npi);
    await new Promise((r) => setTimeout(r, 50));
    // Byte by byte: the framing reassembles split frames.
    for (const byte of frame(`AUTH 01 ${f.pharmacies.retail.npi} ${stale}`))
      socket.write(Buffer.from([byte]));
    await closed;
    expect(frames[0]).toMatch(/^OPBCLAIMS\/1 CHALLENGE [0-9a-f]{64}$/);
    expect(frames[1]).toBe('ERR authentication failed');
  });

  it('refuses weak secret configuration', () => {
    expect(() => parseSecrets('1000000001=short')).toThrow(/at least 32/);
    expect(parseSecrets(` 1000000001=${SECRET} `).get('1000000001')).toBe(SECRET);
  });
});
