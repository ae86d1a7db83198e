// The de-identification service: every aggregate report and data extract of the privacy office goes through
// here. Rows come only from members who have not opted out (DEIDENTIFIED_ALLOWED_SQL), and leave only through
// the Safe Harbor rules of packages/domain (allow-listed columns, ZIP3 or 000, year only, ages over 89 grouped,
// small cells suppressed).
import { decryptField, FIELD_CONTEXTS, fieldKeyFromConfig } from '@openpbm/db/field-crypto';
import { deidentifyRecord, type ExtractSpec, safeHarborZip3, suppressSmallCells } from '@openpbm/domain';
import type { DeidentifiedExtract, DeidentifiedReport } from '@openpbm/shared/privacy';
import type { AppDeps } from '../app-deps';
import type { Actor } from '../prior-auth/case-audit';
import { recordAudit } from './audit';
import { DEIDENTIFIED_ALLOWED_SQL, RESEARCH_ALLOWED_SQL } from './deidentified-opt-out';

/** What the data is for: research also leaves out members who opted out of research. */
export type ExtractPurpose = 'deidentified' | 'research';
const ALLOWED = { deidentified: DEIDENTIFIED_ALLOWED_SQL, research: RESEARCH_ALLOWED_SQL };

/** Paid pharmacy claims of one calendar year (and client, when given), from members who did not opt out. */
const CLAIMS_OF_YEAR = (allowed: boolean, purpose: ExtractPurpose = 'deidentified') => `
  select c.date_of_service, c.ndc, c.tier, c.channel, c.days_supply, c.quantity_milli,
         c.patient_pay_cents, c.plan_pay_cents, m.date_of_birth_enc, m.zip, m.gender
    from claims c join members m on m.id = c.member_id
   where c.status = 'paid' and c.transaction_code = 'B1'
     and c.date_of_service >= make_date($1, 1, 1) and c.date_of_service < make_date($1 + 1, 1, 1)
     and ($2::uuid is null or c.client_id = $2::uuid)
     and ${allowed ? '' : 'not '}(${ALLOWED[purpose]('c.member_id')})`;

const OPTED_OUT_MEMBERS = (purpose: ExtractPurpose) => `
  select count(distinct c.member_id)::int as n from (${CLAIMS_OF_YEAR(false, purpose).replace(
    'select c.date_of_service',
    'select c.member_id, c.date_of_service',
  )}) c`;

const CLAIM_SPEC = (asOf: string): ExtractSpec => ({
  serviceYear: { from: 'date_of_service', as: 'year' },
  ndc: { from: 'ndc', as: 'code', pattern: /^\d{11}$/ },
  tier: { from: 'tier', as: 'code', pattern: /^[1-4]$/ },
  channel: { from: 'channel', as: 'code', pattern: /^(retail_30|retail_90|home_delivery_90|specialty)$/ },
  daysSupply: { from: 'days_supply', as: 'number' },
  quantity: { from: 'quantity', as: 'number' },
  patientPayCents: { from: 'patient_pay_cents', as: 'number' },
  planPayCents: { from: 'plan_pay_cents', as: 'number' },
  memberAge: { from: 'date_of_birth', as: 'age', asOf },
  memberZip3: { from: 'zip', as: 'zip3' },
  memberGender: { from: 'gender', as: 'code', pattern: /^[FMU]$/ },
});

type ClaimRow = Record<string, unknown>;

async function claimsOf(
  deps: AppDeps,
  year: number,
  clientId: string | null,
  purpose: ExtractPurpose = 'deidentified',
): Promise<ClaimRow[]> {
  const key = fieldKeyFromConfig(deps.config);
  const { rows } = await deps.db.sql.query<ClaimRow>(CLAIMS_OF_YEAR(true, purpose), [year, clientId]);
  return rows.map((r) => ({
    ...r,
    quantity: Number(r.quantity_milli) / 1000,
    patient_pay_cents: Number(r.patient_pay_cents),
    plan_pay_cents: Number(r.plan_pay_cents),
    tier: r.tier === null ? null : Number(r.tier),
    date_of_birth: decryptField(key, String(r.date_of_birth_enc), FIELD_CONTEXTS.dateOfBirth),
  }));
}

async function audited(deps: AppDeps, actor: Actor, kind: string, detail: Record<string, unknown>) {
  await recordAudit(
    deps.db.db,
    {
      actorUserId: actor.principal.userId,
      actorRole: actor.principal.role,
      action: 'produced',
      resourceType: kind,
      reason: 'operations',
      ip: actor.ip,
      detail,
    },
    deps.now(),
  );
}

/**
 * One de-identified row per paid claim of the year. Member age is taken at the end of that year. A research
 * extract (purpose "research") also leaves out members who opted out of research.
 */
export async function claimsExtract(
  deps: AppDeps,
  actor: Actor,
  args: { year: number; clientId: string | null; purpose?: ExtractPurpose },
): Promise<DeidentifiedExtract> {
  const purpose = args.purpose ?? 'deidentified';
  const spec = CLAIM_SPEC(`${args.year}-12-31`);
  const rows = (await claimsOf(deps, args.year, args.clientId, purpose)).map((r) =>
    deidentifyRecord(r, spec),
  );
  const { rows: out } = await deps.db.sql.query<{ n: number }>(OPTED_OUT_MEMBERS(purpose), [
    args.year,
    args.clientId,
  ]);
  const optedOutMembersLeftOut = Number(out[0]?.n ?? 0);
  await audited(
    deps,
    actor,
    purpose === 'research' ? 'research_claims_extract' : 'deidentified_claims_extract',
    {
      year: args.year,
      rows: rows.length,
      optedOutMembersLeftOut,
    },
  );
  return { kind: 'claims', year: args.year, columns: Object.keys(spec), rows, optedOutMembersLeftOut };
}

/** Paid claims of the year counted by member ZIP3 and formulary tier; cells below 11 suppressed. */
export async function claimsReport(
  deps: AppDeps,
  actor: Actor,
  args: { year: number; clientId: string | null },
): Promise<DeidentifiedReport> {
  const counts = new Map<string, { zip3: string; tier: number | null; count: number }>();
  for (const r of await claimsOf(deps, args.year, args.clientId)) {
    const zip3 = safeHarborZip3(typeof r.zip === 'string' ? r.zip : null);
    const tier = typeof r.tier === 'number' ? r.tier : null;
    const key = `${zip3}:${tier}`;
    const cell = counts.get(key) ?? { zip3, tier, count: 0 };
    cell.count += 1;
    counts.set(key, cell);
  }
  const cells = suppressSmallCells(
    [...counts.values()]
      .sort((a, b) => a.zip3.localeCompare(b.zip3) || (a.tier ?? 0) - (b.tier ?? 0))
      .map((c) => ({ key: { zip3: c.zip3, tier: c.tier }, count: c.count })),
  ).map(({ key, count, suppressed }) => ({ ...key, claims: count, suppressed }));
  await audited(deps, actor, 'deidentified_claims_report', { year: args.year, cells: cells.length });
  return { year: args.year, cells };
}
