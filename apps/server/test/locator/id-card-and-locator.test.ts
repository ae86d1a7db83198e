// The digital ID card (routing numbers from the plan, family rule, audited) and the pharmacy locator (ZIP or
// location, radius, in-network by default, 24-hour / home-delivery / open-now filters, nearest first).
import { schema } from '@openpbm/db';
import type { WeeklyHours } from '@openpbm/db/schema/pharmacies';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClientRef, factories, type MemberRef } from '../factories';
import { createTestApp, type TestApp } from '../harness';
import { createTestUser, signInAs } from '../sign-in';

let t: TestApp;
let sponsor: ClientRef;
let subscriber: MemberRef;
type Headers = Record<string, string>;
let member: Headers;
let outsider: Headers;
let staff: Headers;
let kidId: string;

// Springfield, IL 62701 centroid: 39.8, -89.6495. One degree of latitude is about 69 miles.
const PLACES = [
  {
    key: 'near24',
    name: 'Near 24h Pharmacy',
    dLat: 1 / 69,
    dLon: 0,
    open24: true,
    hours: {},
    inNetwork: true,
  },
  {
    key: 'east',
    name: 'East Side Pharmacy',
    dLat: 0,
    dLon: 5 / 53,
    open24: false,
    hours: { '2': [{ open: '09:00', close: '18:00' }] },
    inNetwork: true,
  },
  {
    key: 'late',
    name: 'Late Night Pharmacy',
    dLat: -3 / 69,
    dLon: 0,
    open24: false,
    hours: { '2': [{ open: '20:00', close: '02:00' }] },
    inNetwork: true,
  },
  {
    key: 'outside',
    name: 'Out-of-Network Apothecary',
    dLat: -2 / 69,
    dLon: 0,
    open24: false,
    hours: { '2': [{ open: '08:00', close: '20:00' }] },
    inNetwork: false,
  },
  { key: 'far', name: 'Far Away Pharmacy', dLat: 30 / 69, dLon: 0, open24: true, hours: {}, inNetwork: true },
] as const satisfies ReadonlyArray<{
  key: string;
  name: string;
  dLat: number;
  dLon: number;
  open24: boolean;
  hours: object;
  inNetwork: boolean;
}>;

const post = (url: string, headers: Headers, payload: unknown) =>
  t.app.inject({ method: 'POST', url, headers, payload: payload as object });
const names = (res: { json(): { pharmacies: Array<{ name: string }> } }) =>
  res
    .json()
    .pharmacies.map((p) => p.name)
    .filter((n) => PLACES.some((x) => x.name === n));

beforeAll(async () => {
  t = await createTestApp({
    // Tuesday 10:00 in Chicago.
    now: new Date('2026-03-10T15:00:00Z'),
    env: { SESSION_IDLE_MINUTES: '200000', SESSION_ABSOLUTE_HOURS: '5000' },
  });
  const make = factories(t.db.db);
  sponsor = await make.aClient();
  subscriber = await make.aMember({ client: sponsor, coverageLevel: 'family' });
  let n = 0;
  for (const place of PLACES) {
    n += 1;
    const [row] = await t.db.db
      .insert(schema.pharmacies)
      .values({
        npi: `20000000${String(n).padStart(2, '0')}`,
        ncpdpId: `20000${String(n).padStart(2, '0')}`,
        name: place.name,
        addressLine1: `${n} Locator Rd`,
        city: 'Springfield',
        state: 'IL',
        zip: '62701',
        latitude: 39.8 + place.dLat,
        longitude: -89.6495 + place.dLon,
        phone: '2175550000',
        timeZone: 'America/Chicago',
        hours: place.hours as WeeklyHours,
        open24Hours: place.open24,
      })
      .returning({ id: schema.pharmacies.id });
    if (place.inNetwork) {
      await t.db.db.insert(schema.networkPharmacies).values({
        networkId: sponsor.plan.networkId,
        pharmacyId: row?.id as string,
        discountBps: 100,
        genericDiscountBps: 500,
        dispensingFeeCents: 150,
        effectiveDate: '2020-01-01',
      });
    }
  }
  kidId = (
    await make.aMember({
      subscriber,
      relationshipCode: '3',
      personCode: '003',
      dateOfBirth: '2016-05-01',
    })
  ).id;
  member = (await signInAs(t, await createTestUser(t, 'member', { memberId: subscriber.id }))).headers;
  const stranger = await make.aMember({ plan: sponsor.plan });
  outsider = (await signInAs(t, await createTestUser(t, 'member', { memberId: stranger.id }))).headers;
  staff = (await signInAs(t, (await make.aPharmacyUser({ homeDelivery: true })).id)).headers;
});
afterAll(async () => {
  await t?.close();
});

describe('digital ID card', () => {
  it('shows the member and their child with the routing numbers pharmacies need', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/id-card', headers: member });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const cards = res.json().cards;
    expect(cards).toHaveLength(2);
    expect(cards[0]).toMatchObject({
      memberNumber: subscriber.memberNumber,
      personCode: '001',
      bin: sponsor.plan.routing.bin,
      pcn: sponsor.plan.routing.pcn,
      rxGroup: sponsor.plan.routing.group,
      groupNumber: sponsor.groupNumber,
      planName: sponsor.plan.name,
      sponsorName: sponsor.name,
      customerServicePhone: '8005550100',
      coverageStart: '2026-01-01',
    });
    expect(cards[1].memberId).toBe(kidId);
    const { rows } = await t.db.sql.query<{ n: number }>(
      `select count(*)::int as n from audit_events where resource_type = 'id_card'`,
    );
    expect(rows[0]?.n).toBe(2);
  });

  it('never shows another family’s card (404 like every route), and is for members only', async () => {
    const theirs = await t.app.inject({
      method: 'GET',
      url: `/api/id-card?memberId=${subscriber.id}`,
      headers: outsider,
    });
    expect(theirs.statusCode).toBe(404);
    expect(theirs.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(theirs.json())).not.toContain(sponsor.plan.routing.group);
    const ownChild = await t.app.inject({
      method: 'GET',
      url: `/api/id-card?memberId=${kidId}`,
      headers: member,
    });
    expect(ownChild.json().cards.map((c: { memberId: string }) => c.memberId)).toEqual([kidId]);
    expect((await t.app.inject({ method: 'GET', url: '/api/id-card', headers: staff })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/id-card' })).statusCode).toBe(401);
  });
});

describe('pharmacy locator', () => {
  it('finds in-network pharmacies near a ZIP code, nearest first', async () => {
    const res = await post('/api/pharmacy-locator/search', member, { zip: '62701', radiusMiles: 10 });
    expect(res.statusCode).toBe(200);
    expect(res.json().origin.label).toBe('Springfield, IL 62701');
    expect(res.json().networkName).toBe(sponsor.plan.networkName);
    expect(names(res)).toEqual(['Near 24h Pharmacy', 'Late Night Pharmacy', 'East Side Pharmacy']);
    const distances = res.json().pharmacies.map((p: { distanceMiles: number }) => p.distanceMiles);
    expect([...distances].sort((a: number, b: number) => a - b)).toEqual(distances);
    const east = res.json().pharmacies.find((p: { name: string }) => p.name === 'East Side Pharmacy');
    expect(east).toMatchObject({ openNow: true, hoursToday: '9 am – 6 pm', inNetwork: true });
    expect(east.distanceMiles).toBeCloseTo(5, 0);
  });

  it('includes out-of-network pharmacies on request, and filters 24 hours and open now', async () => {
    const all = await post('/api/pharmacy-locator/search', member, {
      zip: '62701',
      radiusMiles: 10,
      inNetworkOnly: false,
    });
    expect(names(all)).toEqual([
      'Near 24h Pharmacy',
      'Out-of-Network Apothecary',
      'Late Night Pharmacy',
      'East Side Pharmacy',
    ]);
    expect(
      all.json().pharmacies.find((p: { name: string }) => p.name === 'Out-of-Network Apothecary').inNetwork,
    ).toBe(false);
    expect(
      names(await post('/api/pharmacy-locator/search', member, { zip: '62701', open24Hours: true })),
    ).toEqual(['Near 24h Pharmacy']);
    expect(
      names(await post('/api/pharmacy-locator/search', member, { zip: '62701', openNow: true })),
    ).toEqual(['Near 24h Pharmacy', 'East Side Pharmacy']);
    t.setNow(new Date('2026-03-11T06:00:00Z')); // Wednesday 01:00 in Chicago (CDT): the late-night shift from Tuesday
    expect(
      names(await post('/api/pharmacy-locator/search', member, { zip: '62701', openNow: true })),
    ).toEqual(['Near 24h Pharmacy', 'Late Night Pharmacy']);
    t.setNow(new Date('2026-03-10T15:00:00Z'));
  });

  it('searches around the browser’s location and a wider radius', async () => {
    const here = await post('/api/pharmacy-locator/search', member, {
      latitude: 39.8 + 30 / 69,
      longitude: -89.6495,
      radiusMiles: 2,
    });
    expect(names(here)).toEqual(['Far Away Pharmacy']);
    expect(here.json().origin.label).toBe('Your location');
    const wide = await post('/api/pharmacy-locator/search', member, { zip: '62701', radiusMiles: 40 });
    expect(names(wide).at(-1)).toBe('Far Away Pharmacy');
  });

  it('explains bad input with field errors', async () => {
    const none = await post('/api/pharmacy-locator/search', member, { radiusMiles: 10 });
    expect(none.statusCode).toBe(400);
    expect(none.json().errors[0]).toEqual({ field: 'zip', message: 'Enter a ZIP code or use your location' });
    const unknown = await post('/api/pharmacy-locator/search', member, { zip: '00000' });
    expect(unknown.statusCode).toBe(400);
    expect((await post('/api/pharmacy-locator/search', staff, { zip: '62701' })).statusCode).toBe(403);
  });
});
