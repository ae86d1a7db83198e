// SQL of the Patient Access API: one member's processed pharmacy claims (the same rows and amounts as the portal's
// claims history), their coverage spans, and the pharmacies, prescribers and plan sponsors those rows name.
// Every query is scoped by member id; the service decides which member a token may reach.
import type { Database } from '@openpbm/db';
import { schema } from '@openpbm/db';
import { and, asc, count, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { pharmacyContactColumns } from '../pharmacy-locator/columns';
import type { DateBound } from './search-params';

const {
  claims,
  drugProducts,
  drugGroups,
  eligibilitySpans,
  plans,
  groups,
  clients,
  pharmacies,
  prescribers,
  members,
} = schema;

/** Statuses a member sees, as in the portal: rejected and captured claims never cost them anything. */
const SHOWN = ['paid', 'reversed'] as const;

/** When a claim row last changed: its reversal, else its receipt. */
const claimUpdatedAt = sql<Date>`coalesce(${claims.reversedAt}, ${claims.receivedAt})`;

export interface ClaimFilters {
  ids?: string[];
  serviceDate?: DateBound[];
  lastUpdated?: DateBound[];
}

/**
 * One date search bound on a column. Dates (service date) compare by calendar day, instants (last updated) by time;
 * `start`/`end` are the value's own range, end exclusive (so "le2026-03" includes all of March).
 */
function boundCondition(column: SQL, bound: DateBound, asDate: boolean): SQL {
  const start = asDate ? bound.start.slice(0, 10) : bound.start;
  const end = asDate ? bound.end.slice(0, 10) : bound.end;
  const exact = !asDate && bound.start === bound.end;
  switch (bound.comparator) {
    case 'lt':
      return sql`${column} < ${start}`;
    case 'le':
      return exact ? sql`${column} <= ${end}` : sql`${column} < ${end}`;
    case 'gt':
      return exact ? sql`${column} > ${start}` : sql`${column} >= ${end}`;
    case 'ge':
      return sql`${column} >= ${start}`;
    default:
      return exact ? sql`${column} = ${start}` : sql`(${column} >= ${start} and ${column} < ${end})`;
  }
}

function claimConditions(memberId: string, filters: ClaimFilters): SQL[] {
  const where: SQL[] = [
    eq(claims.memberId, memberId),
    eq(claims.transactionCode, 'B1'),
    inArray(claims.status, [...SHOWN]),
  ];
  if (filters.ids)
    where.push(
      inArray(claims.id, filters.ids.length ? filters.ids : ['00000000-0000-0000-0000-000000000000']),
    );
  for (const bound of filters.serviceDate ?? [])
    where.push(boundCondition(sql`${claims.dateOfService}`, bound, true));
  for (const bound of filters.lastUpdated ?? []) where.push(boundCondition(claimUpdatedAt, bound, false));
  return where;
}

const claimColumns = {
  id: claims.id,
  status: claims.status,
  dateOfService: claims.dateOfService,
  receivedAt: claims.receivedAt,
  reversedAt: claims.reversedAt,
  ndc: claims.ndc,
  productName: drugProducts.name,
  groupName: drugGroups.name,
  rxNumber: claims.rxNumber,
  fillNumber: claims.fillNumber,
  quantityMilli: claims.quantityMilli,
  daysSupply: claims.daysSupply,
  tier: claims.tier,
  ingredientCostCents: claims.ingredientCostCents,
  dispensingFeeCents: claims.dispensingFeeCents,
  patientPayCents: claims.patientPayCents,
  planPayCents: claims.planPayCents,
  appliedToDeductibleCents: claims.appliedToDeductibleCents,
  appliedToOopCents: claims.appliedToOopCents,
  authorizationNumber: claims.authorizationNumber,
  pharmacyId: claims.pharmacyId,
  prescriberId: claims.prescriberId,
  clientId: claims.clientId,
  memberId: claims.memberId,
  planId: claims.planId,
};

export type EobClaimRow = Awaited<ReturnType<typeof searchMemberClaims>>['rows'][number];

export async function searchMemberClaims(
  db: Database,
  memberId: string,
  filters: ClaimFilters,
  page: { offset: number; count: number },
) {
  const where = and(...claimConditions(memberId, filters));
  const [rows, totals] = await Promise.all([
    page.count === 0
      ? Promise.resolve([])
      : db
          .select(claimColumns)
          .from(claims)
          .leftJoin(drugProducts, eq(drugProducts.ndc, claims.ndc))
          .leftJoin(drugGroups, eq(drugGroups.id, claims.drugGroupId))
          .where(where)
          .orderBy(desc(claims.dateOfService), desc(claims.receivedAt), asc(claims.id))
          .limit(page.count)
          .offset(page.offset),
    db.select({ n: count() }).from(claims).where(where),
  ]);
  return { rows, total: totals[0]?.n ?? 0 };
}

export async function findMember(db: Database, memberId: string) {
  const [row] = await db.select().from(members).where(eq(members.id, memberId));
  return row ?? null;
}

/** The member's eligibility spans with plan, group and plan sponsor, newest first. */
export async function findCoverages(db: Database, memberId: string, ids?: string[]) {
  return db
    .select({
      id: eligibilitySpans.id,
      startDate: eligibilitySpans.startDate,
      endDate: eligibilitySpans.endDate,
      status: eligibilitySpans.status,
      updatedAt: eligibilitySpans.updatedAt,
      planId: plans.id,
      planName: plans.name,
      planCode: plans.code,
      bin: plans.bin,
      pcn: plans.pcn,
      rxGroup: plans.rxGroup,
      groupNumber: groups.groupNumber,
      groupName: groups.name,
      clientId: clients.id,
    })
    .from(eligibilitySpans)
    .innerJoin(plans, eq(plans.id, eligibilitySpans.planId))
    .innerJoin(groups, eq(groups.id, eligibilitySpans.groupId))
    .innerJoin(clients, eq(clients.id, groups.clientId))
    .where(
      and(
        eq(eligibilitySpans.memberId, memberId),
        ...(ids
          ? [inArray(eligibilitySpans.id, ids.length ? ids : ['00000000-0000-0000-0000-000000000000'])]
          : []),
      ),
    )
    .orderBy(desc(eligibilitySpans.startDate));
}

/** Pharmacies on the member's claims (only those: a token never browses other organizations). */
export async function findMemberPharmacies(db: Database, memberId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectDistinct({
      id: pharmacies.id,
      ...pharmacyContactColumns,
      updatedAt: pharmacies.updatedAt,
    })
    .from(pharmacies)
    .innerJoin(claims, and(eq(claims.pharmacyId, pharmacies.id), eq(claims.memberId, memberId)))
    .where(inArray(pharmacies.id, ids));
}

export async function findMemberPrescribers(db: Database, memberId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectDistinct({
      id: prescribers.id,
      npi: prescribers.npi,
      firstName: prescribers.firstName,
      lastName: prescribers.lastName,
      credential: prescribers.credential,
      updatedAt: prescribers.updatedAt,
    })
    .from(prescribers)
    .innerJoin(claims, and(eq(claims.prescriberId, prescribers.id), eq(claims.memberId, memberId)))
    .where(inArray(prescribers.id, ids));
}

/** Plan sponsors of the member's coverage or claims. */
export async function findMemberPayers(db: Database, memberId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectDistinct({ id: clients.id, name: clients.name, code: clients.code, updatedAt: clients.updatedAt })
    .from(clients)
    .where(
      and(
        inArray(clients.id, ids),
        or(
          sql`exists (select 1 from ${claims} where ${claims.clientId} = ${clients.id} and ${claims.memberId} = ${memberId})`,
          sql`exists (select 1 from ${eligibilitySpans} join ${groups} on ${groups.id} = ${eligibilitySpans.groupId} where ${groups.clientId} = ${clients.id} and ${eligibilitySpans.memberId} = ${memberId})`,
        ),
      ),
    );
}

/** The token's user as it is now (status, member link), to check the grant still holds on every read. */
export async function tokenUser(db: Database, userId: string) {
  const [user] = await db
    .select({
      memberId: schema.users.memberId,
      status: schema.users.status,
      displayName: schema.users.displayName,
    })
    .from(schema.users)
    .where(eq(schema.users.id, userId));
  return user ?? null;
}
