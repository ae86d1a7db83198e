// Payment cards: the number goes only to the vault; the main database and the logs never hold one.
import { Writable } from 'node:stream';
import { findCardNumbers } from '@openpbm/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories } from '../factories';
import { createTestApp, type TestApp } from '../harness';
import { createTestUser, signInAs } from '../sign-in';
import { scanTextColumns } from '../support/leak-scan';
import { startTestVault, type TestVault } from '../vault';

const VISA = '4111111111111111';
const MASTERCARD = '5555555555554444';
const AMEX = '378282246310005';

const logLines: string[] = [];
const logStream = new Writable({
  write(chunk, _enc, done) {
    logLines.push(String(chunk));
    done();
  },
});

let t: TestApp;
let vault: TestVault;
let member: Record<string, string>;
let otherMember: Record<string, string>;
let staff: Record<string, string>;

beforeAll(async () => {
  vault = await startTestVault();
  t = await createTestApp({
    now: new Date('2026-03-10T15:00:00Z'),
    vault: vault.client,
    logStream,
    env: { LOG_LEVEL: 'trace' },
  });
  const make = factories(t.db.db);
  const signInMember = async () =>
    (await signInAs(t, await createTestUser(t, 'member', { memberId: (await make.aMember()).id }))).headers;
  member = await signInMember();
  otherMember = await signInMember();
  staff = (await signInAs(t, (await make.aPharmacyUser({ homeDelivery: true })).id)).headers;
});
afterAll(async () => {
  await t?.close();
  await vault?.close();
});

const add = (headers: Record<string, string>, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: '/api/payment-methods', headers, payload });

describe('payment methods', () => {
  it('adds a card through the vault and shows brand, last 4 and expiry only', async () => {
    const res = await add(member, { cardNumber: '4111 1111 1111 1111', expMonth: 9, expYear: 2029 });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      brand: 'visa',
      last4: '1111',
      expMonth: 9,
      expYear: 2029,
      isDefault: true,
      expired: false,
    });
    expect(res.body).not.toContain(VISA);
    expect(await vault.store.count()).toBe(1);

    const second = await add(member, {
      cardNumber: MASTERCARD,
      expMonth: 3,
      expYear: 2027,
      makeDefault: true,
    });
    expect(second.json()).toMatchObject({ brand: 'mastercard', last4: '4444', isDefault: true });

    const list = await t.app.inject({ method: 'GET', url: '/api/payment-methods', headers: member });
    expect(list.headers['cache-control']).toBe('no-store');
    const cards = list.json().paymentMethods as Array<{ id: string; brand: string; isDefault: boolean }>;
    expect(cards.map((c) => [c.brand, c.isDefault])).toEqual([
      ['mastercard', true],
      ['visa', false],
    ]);

    const { rows } = await t.db.sql.query<{ vault_token: string; last4: string }>(
      'select vault_token, last4 from payment_methods',
    );
    expect(rows.every((r) => /^tok_/.test(r.vault_token))).toBe(true);
  });

  it('keeps one card when the same number is added again, even at once, taking a reissued card’s expiry', async () => {
    const cardsBefore = await vault.store.count();
    const again = await add(member, { cardNumber: '4111-1111-1111-1111', expMonth: 9, expYear: 2029 });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({
      brand: 'visa',
      last4: '1111',
      alreadyOnFile: true,
      isDefault: false,
    });

    const reissued = await add(member, { cardNumber: VISA, expMonth: 11, expYear: 2031, makeDefault: true });
    expect(reissued.json()).toMatchObject({
      expMonth: 11,
      expYear: 2031,
      isDefault: true,
      alreadyOnFile: true,
    });

    // A retry with the same Idempotency-Key gets the first answer again (201 for a new card).
    const keyed = { ...otherMember, 'idempotency-key': 'add-discover-1' };
    const discover = { cardNumber: '6011111111111117', expMonth: 4, expYear: 2030 };
    const first = await add(keyed, discover);
    const retry = await add(keyed, discover);
    expect([first.statusCode, retry.statusCode]).toEqual([201, 201]);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json().id).toBe(first.json().id);
    await t.app.inject({
      method: 'DELETE',
      url: `/api/payment-methods/${first.json().id}`,
      headers: otherMember,
    });

    // A double click: three adds of a new card at the same moment leave one card.
    const clicks = await Promise.all(
      [1, 2, 3].map(() => add(otherMember, { cardNumber: AMEX, expMonth: 5, expYear: 2030 })),
    );
    expect(clicks.map((r) => r.statusCode).sort()).toEqual([200, 200, 201]);
    expect(new Set(clicks.map((r) => r.json().id)).size).toBe(1);

    const { rows } = await t.db.sql.query<{ member_id: string; n: number }>(
      "select member_id, count(*)::int as n from payment_methods where status = 'active' group by member_id",
    );
    expect(rows.map((r) => r.n).sort()).toEqual([1, 2]);
    // The vault forgot every second copy and the removed discover: one more token than before (the amex).
    expect(await vault.store.count()).toBe(cardsBefore + 1);
    const other = await t.app.inject({ method: 'GET', url: '/api/payment-methods', headers: otherMember });
    await t.app.inject({
      method: 'DELETE',
      url: `/api/payment-methods/${other.json().paymentMethods[0].id}`,
      headers: otherMember,
    });
    const reset = await t.app.inject({ method: 'GET', url: '/api/payment-methods', headers: member });
    await t.app.inject({
      method: 'POST',
      url: `/api/payment-methods/${reset.json().paymentMethods.find((c: { brand: string }) => c.brand === 'mastercard').id}/default`,
      headers: member,
    });
  });

  it('rejects a number that fails the Luhn check and an expired card, with field errors', async () => {
    const bad = await add(member, { cardNumber: '4111111111111112', expMonth: 9, expYear: 2029 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ field: 'cardNumber', message: 'This card number is not valid' }]);

    const expired = await add(member, { cardNumber: AMEX, expMonth: 2, expYear: 2026 });
    expect(expired.statusCode).toBe(400);
    expect(expired.json().errors[0].field).toBe('expYear');

    const letters = await add(member, { cardNumber: '4111-abcd-1111-1111', expMonth: 9, expYear: 2029 });
    expect(letters.statusCode).toBe(400);
    expect(letters.body).not.toContain('4111');
  });

  it('keeps each member to their own cards', async () => {
    const mine = (await t.app.inject({ method: 'GET', url: '/api/payment-methods', headers: member })).json()
      .paymentMethods;
    const theirs = await t.app.inject({ method: 'GET', url: '/api/payment-methods', headers: otherMember });
    expect(theirs.json().paymentMethods).toEqual([]);
    const steal = await t.app.inject({
      method: 'DELETE',
      url: `/api/payment-methods/${mine[0].id}`,
      headers: otherMember,
    });
    expect(steal.statusCode).toBe(404);
    const defaultSteal = await t.app.inject({
      method: 'POST',
      url: `/api/payment-methods/${mine[0].id}/default`,
      headers: otherMember,
    });
    expect(defaultSteal.statusCode).toBe(404);
  });

  it('is for members only', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/payment-methods' })).statusCode).toBe(401);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/payment-methods', headers: staff })).statusCode,
    ).toBe(403);
    expect((await add(staff, { cardNumber: VISA, expMonth: 1, expYear: 2030 })).statusCode).toBe(403);
  });

  it('removes a card and the vault forgets it', async () => {
    const cards = (await t.app.inject({ method: 'GET', url: '/api/payment-methods', headers: member })).json()
      .paymentMethods;
    const visa = cards.find((c: { brand: string }) => c.brand === 'visa');
    const before = await vault.store.count();
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/payment-methods/${visa.id}`,
      headers: member,
    });
    expect(res.statusCode).toBe(204);
    expect(await vault.store.count()).toBe(before - 1);
    const after = (await t.app.inject({ method: 'GET', url: '/api/payment-methods', headers: member })).json()
      .paymentMethods;
    expect(after.map((c: { brand: string }) => c.brand)).toEqual(['mastercard']);
  });

  it('records card changes in the audit log without card data', async () => {
    const { rows } = await t.db.sql.query<{ action: string; resource_type: string }>(
      `select action, resource_type from audit_events where resource_type = 'payment_method' order by seq`,
    );
    expect(rows.map((r) => r.action)).toEqual([
      'created',
      'created',
      'updated', // the reissued visa's new expiry
      'created', // discover (added once for two requests with one Idempotency-Key)
      'deleted',
      'created',
      'deleted',
      'deleted',
    ]);
  });

  it('leaves no card number in any text or JSON column of the main database, nor in the logs', async () => {
    const submitted = [VISA, MASTERCARD, AMEX, '4111111111111112'];
    const scan = await scanTextColumns(t.db, (text) => [
      ...findCardNumbers(text),
      ...submitted.filter((pan) => text.replace(/[\s-]/g, '').includes(pan)),
    ]);
    expect(scan.columnsScanned).toBeGreaterThan(100);
    expect(scan.valuesScanned).toBeGreaterThan(100);
    expect(scan.hits).toEqual([]);

    const logs = logLines.join('');
    expect(logLines.length).toBeGreaterThan(10); // trace level: every request was logged
    // pino's "time" (epoch milliseconds) and Fastify's "responseTime" (a float with 14 fraction digits) are long
    // digit runs that pass Luhn one time in ten; they are measurements, not data. Everything else is scanned.
    const withoutTimes = logLines.map((line) => {
      const { time: _time, responseTime: _rt, ...rest } = JSON.parse(line) as Record<string, unknown>;
      return JSON.stringify(rest);
    });
    expect(findCardNumbers(withoutTimes.join('\n'))).toEqual([]);
    for (const pan of submitted) expect(logs).not.toContain(pan);
    for (const mail of t.mailbox.list()) expect(findCardNumbers(`${mail.subject}\n${mail.text}`)).toEqual([]);
  });
});
