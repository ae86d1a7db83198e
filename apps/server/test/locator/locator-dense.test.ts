// The locator in a dense metro: the database returns only the nearest candidates (ordered by an approximate
// distance, limited), yet the page is exactly the nearest by true distance; and when "open now" rules out that
// whole window, the farther pharmacies in the box are still found.
import { schema } from '@openpbm/db';
import type { WeeklyHours } from '@openpbm/db/schema/pharmacies';
import { distanceMiles } from '@openpbm/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories } from '../factories';
import { createTestApp, type TestApp } from '../harness';
import { createTestUser, signInAs } from '../sign-in';

let t: TestApp;
let member: Record<string, string>;
// Open country in eastern Montana, far from every other pharmacy.
const ORIGIN = { latitude: 47.1, longitude: -105.2 };
const COUNT = 80;
const OPEN_FROM = 60; // the 60 nearest are closed at the test's time, the 20 farthest open all day

interface Place {
  name: string;
  latitude: number;
  longitude: number;
  open: boolean;
}
const places: Place[] = [];

beforeAll(async () => {
  t = await createTestApp({
    now: new Date('2026-03-10T17:00:00Z'), // Tuesday 10:00 in Denver
    env: { SESSION_IDLE_MINUTES: '200000', SESSION_ABSOLUTE_HOURS: '5000' },
  });
  // Rank i sits about i × 0.15 miles out, in a direction that turns with i; inserted in a shuffled order.
  for (let i = 0; i < COUNT; i++) {
    const miles = 0.3 + i * 0.15;
    const angle = (i * 137.5 * Math.PI) / 180;
    places.push({
      name: `Dense Pharmacy ${String(i).padStart(2, '0')}`,
      latitude: ORIGIN.latitude + (miles * Math.sin(angle)) / 69,
      longitude:
        ORIGIN.longitude + (miles * Math.cos(angle)) / (69.172 * Math.cos((ORIGIN.latitude * Math.PI) / 180)),
      open: i >= OPEN_FROM,
    });
  }
  const shuffled = places
    .map((p, i) => ({ p, key: (i * 37) % COUNT }))
    .sort((a, b) => a.key - b.key)
    .map((x) => x.p);
  let n = 0;
  for (const p of shuffled) {
    n += 1;
    await t.db.db.insert(schema.pharmacies).values({
      npi: `30000000${String(n).padStart(2, '0')}`,
      ncpdpId: `30000${String(n).padStart(2, '0')}`,
      name: p.name,
      addressLine1: `${n} Prairie Rd`,
      city: 'Miles City',
      state: 'MT',
      zip: '59301',
      latitude: p.latitude,
      longitude: p.longitude,
      phone: '4065550000',
      timeZone: 'America/Denver',
      hours: (p.open ? { '2': [{ open: '08:00', close: '20:00' }] } : {}) as WeeklyHours,
      open24Hours: false,
    });
  }
  const subscriber = await factories(t.db.db).aMember();
  member = (await signInAs(t, await createTestUser(t, 'member', { memberId: subscriber.id }))).headers;
});
afterAll(async () => {
  await t?.close();
});

const search = async (body: object) => {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/pharmacy-locator/search',
    headers: member,
    payload: { ...ORIGIN, radiusMiles: 25, inNetworkOnly: false, ...body },
  });
  expect(res.statusCode).toBe(200);
  return (res.json() as { pharmacies: Array<{ name: string; openNow: boolean }> }).pharmacies;
};

/** The expected page: exact distance (to 0.1 mile, as shown), then name. */
const nearest = (list: Place[], limit: number) =>
  list
    .map((p) => ({ name: p.name, d: Math.round(distanceMiles(ORIGIN, p) * 10) / 10 }))
    .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((p) => p.name);

describe('pharmacy locator, dense box', () => {
  it('pages the nearest by true distance though the box holds many more', async () => {
    expect((await search({ limit: 5 })).map((p) => p.name)).toEqual(nearest(places, 5));
    expect((await search({ limit: 25 })).map((p) => p.name)).toEqual(nearest(places, 25));
  });

  it('looks past the nearest window when "open now" rules it all out', async () => {
    const open = await search({ limit: 3, openNow: true });
    expect(open.map((p) => p.name)).toEqual(
      nearest(
        places.filter((p) => p.open),
        3,
      ),
    );
    expect(open.every((p) => p.openNow)).toBe(true);
  });
});
