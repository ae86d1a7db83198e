// Shared set-up of the privacy-office tests: a family, a member account, a privacy officer and paid claims.
import { schema } from '@openpbm/db';
import type { Role } from '@openpbm/db/schema/users';
import { eq } from 'drizzle-orm';
import type { TestApp } from '../harness';
import { insertFamily } from '../identity/fixtures';
import { createTestUser, signInAs } from '../sign-in';

export async function signedIn(t: TestApp, role: Role, links: Parameters<typeof createTestUser>[2] = {}) {
  const userId = await createTestUser(t, role, links);
  const { headers } = await signInAs(t, userId);
  const [user] = await t.db.db.select().from(schema.users).where(eq(schema.users.id, userId));
  return { userId, headers, email: user?.email ?? '' };
}

export async function familyWithAccounts(t: TestApp) {
  const family = await insertFamily(t.db);
  const parent = await signedIn(t, 'member', { memberId: family.subscriber.id });
  const adult = await signedIn(t, 'member', { memberId: family.adultDependent.id });
  return { family, parent, adult };
}

/** A paid B1 claim of the member on `dateOfService` (tier 1, retail). */
export async function insertPaidClaim(
  t: TestApp,
  memberId: string,
  clientId: string,
  dateOfService: string,
  n: number,
) {
  await t.db.db.insert(schema.claims).values({
    transactionCode: 'B1',
    bin: '610000',
    pcn: 'PCN',
    rxGroup: 'G',
    serviceProviderId: '1234567893',
    memberId,
    clientId,
    rxNumber: `RX${n}`,
    fillNumber: 0,
    ndc: '00093105001',
    quantityMilli: 30_000,
    daysSupply: 30,
    dateOfService,
    status: 'paid',
    tier: 1,
    channel: 'retail_30',
    patientPayCents: 1000,
    planPayCents: 2500,
  });
}

/** The privacy-office tests' cast: a privacy officer, a family with member accounts, a user of the family's client. */
export async function privacyOfficeCast(t: TestApp) {
  const officer = await signedIn(t, 'privacy_officer');
  const world = await familyWithAccounts(t);
  const client = await signedIn(t, 'client_user', { clientId: world.family.clientId });
  return { officer, world, client };
}

/** A court order for one member's pharmacy claims; `over` changes or adds fields. */
export const courtOrder = (
  memberNumber: string,
  sectionsInScope: string[],
  over: Record<string, unknown> = {},
) => ({
  kind: 'court_order',
  requester: 'Cook County Circuit Court',
  legalBasis: 'Order 2026-CV-0142 under 45 CFR 164.512(e)',
  dueDate: '2026-03-20',
  memberNumbers: [memberNumber],
  recordsInScope: 'Pharmacy claims 2025',
  sectionsInScope,
  ...over,
});

/** Logs a legal request as the signed-in `headers` (the privacy officer, or someone who may not). */
export const logLegalRequest = (t: TestApp, headers: Record<string, string>, payload: unknown) =>
  t.app.inject({ method: 'POST', url: '/api/privacy/legal-requests', headers, payload: payload as object });
