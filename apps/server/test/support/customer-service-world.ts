// SHARED SET-UP for the customer-service tests: the pharmacy world (benefits fixture, card vault, clock at
// 2026-03-10 15:00 UTC), the help-center articles, an agent who serves the fixture's client, an agent who
// serves another client only, a privacy officer, and the subscriber and the single member signed in.
import { newId, schema } from '@openpbm/db';
import { HELP_ARTICLES } from '@openpbm/db/seed/help-articles';
import { addPrescription } from '../fixtures/pharmacy';
import { createTestUser, signInAs } from '../sign-in';
import { type PharmacyWorld, startPharmacyWorld } from './pharmacy-world';

export type Headers = Record<string, string>;

export interface CustomerServiceWorld extends PharmacyWorld {
  agent: Headers;
  agentUserId: string;
  otherAgent: Headers;
  privacyOfficerId: string;
  subscriber: Headers;
  subscriberUserId: string;
  subscriberEmail: string;
  single: Headers;
  prescriber: Headers;
  rx: {
    atorvastatin: { id: string; rxNumber: string };
    simvastatin: { id: string; rxNumber: string };
    single: { id: string; rxNumber: string };
  };
}

async function insertArticles(w: PharmacyWorld) {
  for (const a of HELP_ARTICLES) {
    await w.t.db.sql.query(
      `insert into help_articles (id, slug, category, title, body, portal_path, portal_label)
       values ($1, $2, $3, $4, $5, $6, $7)`,
      [newId(), a.slug, a.category, a.title, a.body, a.portalPath, a.portalLabel],
    );
  }
}

const emailOf = async (w: PharmacyWorld, userId: string) =>
  (await w.t.db.sql.query<{ email: string }>('select email from users where id = $1', [userId])).rows[0]
    ?.email as string;

export async function startCustomerServiceWorld(): Promise<CustomerServiceWorld> {
  const w = await startPharmacyWorld();
  const { t, f } = w;
  const db = t.db.db;
  await insertArticles(w);
  const [otherClient] = await db
    .insert(schema.clients)
    .values({ code: `CS-OTHER-${Date.now() % 100000}`, name: 'Another employer' })
    .returning();
  const agentUserId = await createTestUser(t, 'customer_service');
  const otherAgentId = await createTestUser(t, 'customer_service');
  await db.insert(schema.staffClientAssignments).values([
    { userId: agentUserId, clientId: f.clientId },
    { userId: otherAgentId, clientId: (otherClient as { id: string }).id },
  ]);
  const privacyOfficerId = await createTestUser(t, 'privacy_officer');
  const subscriberUserId = await createTestUser(t, 'member', { memberId: f.members.subscriber.id });
  const singleUserId = await createTestUser(t, 'member', { memberId: f.members.single.id });
  const prescriberUserId = await createTestUser(t, 'prescriber', { prescriberId: f.prescriberId });
  const rx = {
    atorvastatin: await addPrescription(db, f, { memberId: f.members.subscriber.id, drug: 'atorvastatin' }),
    simvastatin: await addPrescription(db, f, { memberId: f.members.subscriber.id, drug: 'simvastatin' }),
    single: await addPrescription(db, f, { memberId: f.members.single.id, drug: 'atorvastatin' }),
  };
  return {
    ...w,
    agentUserId,
    agent: (await signInAs(t, agentUserId)).headers,
    otherAgent: (await signInAs(t, otherAgentId)).headers,
    privacyOfficerId,
    subscriber: (await signInAs(t, subscriberUserId)).headers,
    subscriberUserId,
    subscriberEmail: await emailOf(w, subscriberUserId),
    single: (await signInAs(t, singleUserId)).headers,
    prescriber: (await signInAs(t, prescriberUserId)).headers,
    rx,
  };
}

/** Audit rows of one action, newest last. */
export async function auditRows(w: PharmacyWorld, action: string, resourceType?: string) {
  const { rows } = await w.t.db.sql.query<{
    actor_user_id: string | null;
    actor_role: string | null;
    member_id: string | null;
    reason: string | null;
    resource_id: string | null;
    detail: Record<string, unknown> | null;
  }>(
    `select actor_user_id, actor_role, member_id, reason, resource_id, detail from audit_events
      where action = $1 and ($2::text is null or resource_type = $2) order by seq`,
    [action, resourceType ?? null],
  );
  return rows;
}
