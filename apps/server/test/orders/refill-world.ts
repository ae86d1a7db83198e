// SET-UP of the refill and home-delivery order tests: the pharmacy world (app, card vault, benefits fixture) with a
// family (a child under 18 and an adult child), prescriptions in every refill state, and signed-in members and staff.
import { afterAll, beforeAll } from 'vitest';
import type { BenefitsFixture } from '../fixtures/benefits';
import { addFamilyMember, addPrescription } from '../fixtures/pharmacy';
import type { TestApp } from '../harness';
import { createTestUser, signInAs } from '../sign-in';
import { type PharmacyWorld, startPharmacyWorld } from '../support/pharmacy-world';
import type { TestVault } from '../vault';

export let world: PharmacyWorld;
export let t: TestApp;
export let vault: TestVault;
export let f: BenefitsFixture;
export type Headers = Record<string, string>;
export let subscriber: Headers;
export let spouse: Headers;
export let outsider: Headers;
export let staff: Headers;
export let retailStaff: Headers;
export let kidId: string;
export let adultChildId: string;
export const rx: Record<string, { id: string; rxNumber: string }> = {};

export const at = (iso: string) => t.setNow(new Date(iso));
export const post = (url: string, headers: Headers, payload: unknown = {}, extra: Headers = {}) =>
  t.app.inject({ method: 'POST', url, headers: { ...headers, ...extra }, payload: payload as object });
export const get = (url: string, headers: Headers) => t.app.inject({ method: 'GET', url, headers });

/** Call once at the top of the test file: the pharmacy world with a family, prescriptions and signed-in users. */
export function useRefillWorld(): void {
  beforeAll(async () => {
    world = await startPharmacyWorld();
    ({ t, vault, f } = world);
    const db = t.db.db;
    const sub = f.members.subscriber.id;
    kidId = (
      await addFamilyMember(db, f, {
        subscriberId: sub,
        relationshipCode: '3',
        dateOfBirth: '2016-05-01',
        firstName: 'Kid',
      })
    ).id;
    adultChildId = (
      await addFamilyMember(db, f, {
        subscriberId: sub,
        relationshipCode: '3',
        dateOfBirth: '2005-02-01',
        firstName: 'Adult',
      })
    ).id;
    rx.atorvastatin = await addPrescription(db, f, { memberId: sub, drug: 'atorvastatin' });
    rx.simvastatin = await addPrescription(db, f, { memberId: sub, drug: 'simvastatin' });
    rx.tooSoon = await addPrescription(db, f, {
      memberId: sub,
      drug: 'omeprazole',
      lastFillDate: '2026-03-01',
    });
    rx.noRefills = await addPrescription(db, f, {
      memberId: sub,
      drug: 'sumatriptan',
      refillsRemaining: 0,
      fillCount: 6,
    });
    rx.expired = await addPrescription(db, f, {
      memberId: sub,
      drug: 'clarithromycin',
      writtenDate: '2025-01-01',
      expiryDate: '2025-12-31',
    });
    rx.retail = await addPrescription(db, f, { memberId: sub, drug: 'omeprazole', pharmacy: 'retail' });
    rx.kid = await addPrescription(db, f, { memberId: kidId, drug: 'omeprazole' });
    rx.adultChild = await addPrescription(db, f, { memberId: adultChildId, drug: 'atorvastatin' });
    rx.spouse = await addPrescription(db, f, { memberId: f.members.spouse.id, drug: 'atorvastatin' });
    rx.outsider = await addPrescription(db, f, { memberId: f.members.single.id, drug: 'atorvastatin' });

    subscriber = (await signInAs(t, await createTestUser(t, 'member', { memberId: sub }))).headers;
    spouse = (await signInAs(t, await createTestUser(t, 'member', { memberId: f.members.spouse.id })))
      .headers;
    outsider = (await signInAs(t, await createTestUser(t, 'member', { memberId: f.members.single.id })))
      .headers;
    staff = (await signInAs(t, f.pharmacyUsers.homeDelivery)).headers;
    retailStaff = (await signInAs(t, f.pharmacyUsers.retail)).headers;
  });
  afterAll(async () => {
    await world?.close();
  });
}
