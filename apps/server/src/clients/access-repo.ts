// SQL of grants, access requests and primary administrators. Decides nothing: the services do.
import { type Database, newId, schema } from '@openpbm/db';
import type { CallBackChecklist, ClientTool } from '@openpbm/db/schema/client-portal';
import { and, asc, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { InvariantBroken } from '../platform/internal-errors';

const { clientAccessGrants: grants, clientAccessRequests: requests, clients, users } = schema;

/**
 * The tools a user holds for one client right now: live grants of an active user, and for an advisor only
 * while the client still authorizes them (client_advisors); a client user only for their own client.
 */
export async function liveTools(
  db: Database,
  userId: string,
  clientId: string,
  now: Date,
): Promise<ClientTool[]> {
  const rows = await db
    .select({ tool: grants.tool })
    .from(grants)
    .innerJoin(users, eq(users.id, grants.userId))
    .where(
      and(
        eq(grants.userId, userId),
        eq(grants.clientId, clientId),
        isNull(grants.revokedAt),
        gt(grants.expiresAt, now),
        eq(users.status, 'active'),
        sql`((${users.role} = 'client_user' and ${users.clientId} = ${grants.clientId})
          or (${users.role} = 'advisor' and exists (select 1 from client_advisors ca
               where ca.client_id = ${grants.clientId} and ca.advisor_id = ${users.advisorId})))`,
      ),
    );
  return rows.map((r) => r.tool);
}

export async function isPrimaryAdmin(db: Database, userId: string, clientId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: schema.clientPrimaryAdmins.userId })
    .from(schema.clientPrimaryAdmins)
    .innerJoin(users, eq(users.id, schema.clientPrimaryAdmins.userId))
    .where(
      and(
        eq(schema.clientPrimaryAdmins.clientId, clientId),
        eq(schema.clientPrimaryAdmins.userId, userId),
        eq(users.status, 'active'),
      ),
    );
  return !!row;
}

export async function administeredClients(db: Database, userId: string) {
  return db
    .select({ clientId: clients.id, clientCode: clients.code, clientName: clients.name })
    .from(schema.clientPrimaryAdmins)
    .innerJoin(clients, eq(clients.id, schema.clientPrimaryAdmins.clientId))
    .where(eq(schema.clientPrimaryAdmins.userId, userId))
    .orderBy(asc(clients.code));
}

export async function liveGrantsOf(db: Database, userId: string, now: Date) {
  return db
    .select({
      id: grants.id,
      clientId: grants.clientId,
      clientCode: clients.code,
      clientName: clients.name,
      tool: grants.tool,
      grantedAt: grants.grantedAt,
      expiresAt: grants.expiresAt,
    })
    .from(grants)
    .innerJoin(clients, eq(clients.id, grants.clientId))
    .where(and(eq(grants.userId, userId), isNull(grants.revokedAt), gt(grants.expiresAt, now)))
    .orderBy(asc(clients.code), asc(grants.tool));
}

/** Grants a tool, or moves a live one's expiry on (one live grant per user, client and tool). */
export async function upsertGrant(
  db: Pick<Database, 'execute'>,
  g: {
    userId: string;
    clientId: string;
    tool: ClientTool;
    grantedBy: string;
    requestId: string | null;
    now: Date;
    expiresAt: Date;
  },
): Promise<void> {
  await db.execute(sql`
    insert into client_access_grants (id, user_id, client_id, tool, request_id, granted_by, granted_at, expires_at)
    values (${newId()}, ${g.userId}, ${g.clientId}, ${g.tool}, ${g.requestId},
            ${g.grantedBy}, ${g.now}, ${g.expiresAt})
    on conflict (user_id, client_id, tool) where revoked_at is null
    do update set expires_at = excluded.expires_at, granted_by = excluded.granted_by`);
}

export async function findGrant(db: Database, grantId: string) {
  const [row] = await db.select().from(grants).where(eq(grants.id, grantId));
  return row ?? null;
}

export async function revokeGrant(db: Database, grantId: string, by: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(grants)
    .set({ revokedAt: now, revokedBy: by })
    .where(and(eq(grants.id, grantId), isNull(grants.revokedAt)))
    .returning({ id: grants.id });
  return rows.length > 0;
}

export async function recertifyGrant(
  db: Database,
  grantId: string,
  expiresAt: Date,
  now: Date,
): Promise<boolean> {
  const rows = await db
    .update(grants)
    .set({ expiresAt, recertifiedAt: now })
    .where(and(eq(grants.id, grantId), isNull(grants.revokedAt)))
    .returning({ id: grants.id });
  return rows.length > 0;
}

export async function findClientByCode(db: Database, code: string) {
  const [row] = await db.select().from(clients).where(sql`lower(${clients.code}) = lower(${code.trim()})`);
  return row ?? null;
}

export async function findClientByCodeOrName(db: Database, reference: string) {
  const [row] = await db
    .select()
    .from(clients)
    .where(
      sql`${clients.status} = 'active' and (lower(${clients.code}) = lower(${reference.trim()})
        or lower(${clients.name}) = lower(${reference.trim()}))`,
    )
    .limit(1);
  return row ?? null;
}

export async function findClient(db: Database, clientId: string) {
  const [row] = await db.select().from(clients).where(eq(clients.id, clientId));
  return row ?? null;
}

export async function knownDomains(db: Database, clientId: string): Promise<string[]> {
  const rows = await db
    .select({ domain: schema.clientEmailDomains.domain })
    .from(schema.clientEmailDomains)
    .where(eq(schema.clientEmailDomains.clientId, clientId))
    .orderBy(asc(schema.clientEmailDomains.domain));
  return rows.map((r) => r.domain);
}

export async function insertRequest(
  db: Database,
  r: { userId: string; clientId: string; tools: ClientTool[]; note: string | null; now: Date; dueAt: Date },
) {
  const [row] = await db
    .insert(requests)
    .values({
      userId: r.userId,
      clientId: r.clientId,
      tools: r.tools,
      note: r.note,
      dueAt: r.dueAt,
      createdAt: r.now,
    })
    .returning();
  if (!row) throw new InvariantBroken('access request insert returned nothing');
  return row;
}

const requestColumns = {
  id: requests.id,
  userId: requests.userId,
  clientId: requests.clientId,
  clientCode: clients.code,
  clientName: clients.name,
  tools: requests.tools,
  note: requests.note,
  status: requests.status,
  createdAt: requests.createdAt,
  dueAt: requests.dueAt,
  remindedAt: requests.remindedAt,
  escalatedAt: requests.escalatedAt,
  checklist: requests.checklist,
  decidedAt: requests.decidedAt,
  decisionReason: requests.decisionReason,
};

export async function requestsOf(db: Database, userId: string) {
  return db
    .select(requestColumns)
    .from(requests)
    .innerJoin(clients, eq(clients.id, requests.clientId))
    .where(eq(requests.userId, userId))
    .orderBy(desc(requests.createdAt));
}

export async function pendingRequestFor(db: Database, userId: string, clientId: string) {
  const [row] = await db
    .select({ id: requests.id })
    .from(requests)
    .where(and(eq(requests.userId, userId), eq(requests.clientId, clientId), eq(requests.status, 'pending')));
  return row ?? null;
}

const requesterColumns = {
  requesterName: users.displayName,
  requesterEmail: users.email,
  requesterRole: users.role,
  requesterAdvisorId: users.advisorId,
};

/** The account team's queue: oldest first. */
export async function requestsByStatus(db: Database, statuses: ('pending' | 'approved' | 'denied')[]) {
  return db
    .select({ ...requestColumns, ...requesterColumns })
    .from(requests)
    .innerJoin(clients, eq(clients.id, requests.clientId))
    .innerJoin(users, eq(users.id, requests.userId))
    .where(inArray(requests.status, statuses))
    .orderBy(asc(requests.createdAt))
    .limit(200);
}

export async function findRequest(db: Database, requestId: string) {
  const [row] = await db
    .select({ ...requestColumns, ...requesterColumns })
    .from(requests)
    .innerJoin(clients, eq(clients.id, requests.clientId))
    .innerJoin(users, eq(users.id, requests.userId))
    .where(eq(requests.id, requestId));
  return row ?? null;
}

/** Decides a pending request once; false when someone else already did. */
export async function decideRequest(
  db: Pick<Database, 'update'>,
  d: {
    id: string;
    status: 'approved' | 'denied';
    by: string;
    reason: string;
    checklist: CallBackChecklist;
    now: Date;
  },
): Promise<boolean> {
  const rows = await db
    .update(requests)
    .set({
      status: d.status,
      decidedBy: d.by,
      decidedAt: d.now,
      decisionReason: d.reason,
      checklist: d.checklist,
    })
    .where(and(eq(requests.id, d.id), eq(requests.status, 'pending')))
    .returning({ id: requests.id });
  return rows.length > 0;
}

export async function organizationOf(db: Database, userId: string): Promise<string | null> {
  const [row] = await db
    .select({ organization: schema.portalRegistrations.organization })
    .from(schema.portalRegistrations)
    .where(eq(schema.portalRegistrations.userId, userId));
  return row?.organization ?? null;
}

/** The client authorizes the advisor (client_advisors); kept when it is already there. */
export async function authorizeAdvisor(
  db: Pick<Database, 'insert'>,
  clientId: string,
  advisorId: string,
): Promise<void> {
  await db.insert(schema.clientAdvisors).values({ clientId, advisorId }).onConflictDoNothing();
}

/** The clients a portal user acts for: a client user's own client, the clients that authorize an advisor. */
export async function clientsActingFor(db: Database, userId: string) {
  return db
    .select({ id: clients.id, code: clients.code, name: clients.name })
    .from(clients)
    .innerJoin(users, and(eq(users.id, userId), eq(users.status, 'active')))
    .where(
      sql`(${users.role} = 'client_user' and ${clients.id} = ${users.clientId})
        or (${users.role} = 'advisor' and exists (select 1 from client_advisors ca
              where ca.client_id = ${clients.id} and ca.advisor_id = ${users.advisorId}))`,
    )
    .orderBy(asc(clients.name));
}
