// A client-portal world for tests: clients with known e-mail domains, portal users (client users, advisors),
// an account-team user, and a synthetic population with paid claims for the plan report.
import { randomBytes } from 'node:crypto';
import { schema } from '@openpbm/db';
import type { ClientTool } from '@openpbm/db/schema/client-portal';
import type { TestApp } from '../harness';
import { insertFamily } from '../identity/fixtures';
import { createTestUser, signInAs } from '../sign-in';

export const must = <T>(v: T | null | undefined): T => {
  if (v == null) throw new Error('expected a row');
  return v;
};

export async function addClient(t: TestApp, name: string, domain?: string) {
  const code = `CL${randomBytes(3).toString('hex').toUpperCase()}`;
  const [client] = await t.db.db.insert(schema.clients).values({ code, name }).returning();
  if (domain) await t.db.db.insert(schema.clientEmailDomains).values({ clientId: must(client).id, domain });
  return must(client);
}

export async function addAdvisor(t: TestApp, clientIds: string[] = []) {
  const [advisor] = await t.db.db
    .insert(schema.advisors)
    .values({ firstName: 'Ada', lastName: 'Advisor', firm: 'Test LLP', email: 'ada@advisors.example' })
    .returning();
  for (const clientId of clientIds)
    await t.db.db.insert(schema.clientAdvisors).values({ clientId, advisorId: must(advisor).id });
  const userId = await createTestUser(t, 'advisor', { advisorId: must(advisor).id });
  return { userId, advisorId: must(advisor).id, headers: (await signInAs(t, userId)).headers };
}

export async function addClientUser(t: TestApp, clientId: string) {
  const userId = await createTestUser(t, 'client_user', { clientId });
  return { userId, headers: (await signInAs(t, userId)).headers };
}

export async function grant(
  t: TestApp,
  userId: string,
  clientId: string,
  tool: ClientTool,
  expiresAt = new Date('2027-06-01T00:00:00Z'),
) {
  await t.db.db
    .insert(schema.clientAccessGrants)
    .values({ userId, clientId, tool, grantedAt: new Date('2026-01-01T00:00:00Z'), expiresAt });
}

export async function makePrimaryAdmin(t: TestApp, clientId: string, userId: string) {
  await t.db.db
    .insert(schema.clientPrimaryAdmins)
    .values({ clientId, userId, assignedAt: new Date('2026-01-01T00:00:00Z') });
}

/**
 * A client with `members` covered members from 2025-01-01; `users(month)` of them fill one claim each in that month
 * (YYYY-MM-15), half generic-priced at 1,000 cents plan / 500 member. Returns the client id.
 */
export async function populatedClient(t: TestApp, members: number, usersPerMonth: Record<string, number>) {
  const family = await insertFamily(t.db);
  const clientId = family.clientId;
  const { rows: spans } = await t.db.sql.query<{ group_id: string; plan_id: string }>(
    `select s.group_id, s.plan_id from eligibility_spans s join members m on m.id = s.member_id where m.client_id = $1 limit 1`,
    [clientId],
  );
  const span = must(spans[0]);
  const tag = randomBytes(4).toString('hex');
  await t.db.sql.query(
    `with new_members as (
       insert into members (id, subscriber_id, client_id, relationship_code, person_code, member_number_enc, member_number_bidx,
                            first_name, last_name, date_of_birth_enc, gender, address_line1_enc, city, state, zip, activation_bidx, time_zone)
       select m.id, m.id, $1, '1', '001', 'x', $4 || i, 'Synthetic', 'Member' || i, 'x', 'U', 'x', 'Chicago', 'IL', '60614', $4 || 'a' || i, 'America/Chicago'
         from (select gen_random_uuid() as id, i from generate_series(1, $5::int) i) m
       returning id)
     insert into eligibility_spans (id, member_id, group_id, plan_id, start_date, status, coverage_level)
     select gen_random_uuid(), id, $2, $3, '2025-01-01', 'active', 'individual' from new_members`,
    [clientId, span.group_id, span.plan_id, `RPT${tag}-`, members],
  );
  for (const [month, users] of Object.entries(usersPerMonth))
    await addPaidClaims(t, clientId, `${month}-15`, users);
  return clientId;
}

/** One paid claim ($10 plan, $5 member; every fourth by home delivery) for each of the first `users` synthetic members. */
export async function addPaidClaims(t: TestApp, clientId: string, dateOfService: string, users: number) {
  await t.db.sql.query(
    `insert into claims (id, transaction_code, bin, pcn, rx_group, service_provider_id, member_id, client_id, date_of_service,
                         status, channel, plan_pay_cents, patient_pay_cents)
     select gen_random_uuid(), 'B1', '610000', 'PCN', 'GRP', '1234567890', m.id, $1, $2::date, 'paid',
            case when row_number() over () % 4 = 0 then 'home_delivery_90' else 'retail_30' end, 1000, 500
       from (select id from members where client_id = $1 and last_name like 'Member%' order by id limit $3) m`,
    [clientId, dateOfService, users],
  );
}
