// Patient Access API (CARIN Blue Button): reads and searches of one patient's Patient, Coverage,
// ExplanationOfBenefit, Organization and Practitioner, within what the token's grant allows. The member must
// still be allowed to see that patient (family access rule: themselves, or their child under 18). Every read is
// audited like a portal read (who, which app, which member); a reach for another patient answers 404 and is
// audited as denied.

import { decryptField, FIELD_CONTEXTS, fieldKeyFromConfig } from '@openpbm/db/field-crypto';
import type { AppDeps } from '../app-deps';
import { requireMemberAccess } from '../family/access';
import type { Principal } from '../identity/principal';
import { recordAudit } from '../privacy/audit';
import type { SmartAccess } from './bearer';
import { type BundleEntry, searchset } from './bundle';
import * as carin from './carin-resources';
import { FhirError, fhirBadParam, fhirForbidden, fhirNotFound } from './operation-outcome';
import * as repo from './patient-access-repo';
import {
  all,
  assertKnownParams,
  first,
  paging,
  parseDateParam,
  parseToken,
  type Query,
} from './search-params';
import { scopeAllows } from './smart-scopes';

export interface FhirCall {
  deps: AppDeps;
  access: SmartAccess;
  fhirBase: string;
  ip: string | null;
}

const EOB_INCLUDES = new Set([
  'ExplanationOfBenefit:patient',
  'ExplanationOfBenefit:provider',
  'ExplanationOfBenefit:care-team',
  'ExplanationOfBenefit:coverage',
  'ExplanationOfBenefit:insurer',
  'ExplanationOfBenefit:*',
]);

async function audit(
  call: FhirCall,
  action: string,
  resourceType: string,
  resourceId: string | null,
  detail: Record<string, unknown>,
) {
  await recordAudit(
    call.deps.db.db,
    {
      actorUserId: call.access.userId,
      actorRole: 'member',
      action,
      resourceType: `fhir_${resourceType}`,
      resourceId,
      memberId: call.access.patientId,
      reason: 'member_app_access',
      ip: call.ip,
      detail: { clientId: call.access.clientId, ...detail },
    },
    call.deps.now(),
  );
}

function requireScope(call: FhirCall, resourceType: string) {
  if (!scopeAllows(call.access.scopes, resourceType)) {
    throw new FhirError(403, 'forbidden', `The access token has no scope to read ${resourceType}.`);
  }
}

/** The member behind the token must still be allowed to see the patient (a child who turned 18 is no longer). */
async function checkStillAllowed(call: FhirCall) {
  const user = await repo.tokenUser(call.deps.db.db, call.access.userId);
  if (!user?.memberId || user.status !== 'active')
    throw new FhirError(401, 'login', 'The account is not active.');
  const principal: Principal = {
    userId: call.access.userId,
    sessionId: `fhir:${call.access.grantId}`,
    role: 'member',
    displayName: user.displayName,
    memberId: user.memberId,
    clientId: null,
    advisorId: null,
    prescriberId: null,
    pharmacyId: null,
    secondFactorPending: false,
  };
  await requireMemberAccess(call.deps, principal, call.access.patientId, 'view').catch(() => {
    throw new FhirError(403, 'forbidden', 'This record is no longer shared with the app’s user.');
  });
}

/** A search naming a patient other than the token's: refused and audited. */
async function assertOwnPatient(call: FhirCall, resourceType: string, name: string, raw: string | undefined) {
  if (raw === undefined) return;
  const id = raw.replace(/^Patient\//, '').replace(new RegExp(`^${call.fhirBase}/Patient/`), '');
  if (id !== call.access.patientId) {
    await audit(call, 'access_denied', resourceType, null, { param: name });
    throw fhirForbidden(`The access token is limited to one patient; ${name} names another.`);
  }
}

async function deniedRead(call: FhirCall, resourceType: string, id: string): Promise<never> {
  await audit(call, 'access_denied', resourceType, id, {});
  throw fhirNotFound(`${resourceType}/${id}`);
}

async function loadPatient(call: FhirCall) {
  const member = await repo.findMember(call.deps.db.db, call.access.patientId);
  if (!member) throw fhirNotFound(`Patient/${call.access.patientId}`);
  const key = fieldKeyFromConfig(call.deps.config);
  return {
    member,
    resource: carin.patientResource({
      ...member,
      memberNumber: decryptField(key, member.memberNumberEnc, FIELD_CONTEXTS.memberNumber),
      dateOfBirth: decryptField(key, member.dateOfBirthEnc, FIELD_CONTEXTS.dateOfBirth),
      addressLine1: decryptField(key, member.addressLine1Enc, FIELD_CONTEXTS.addressLine1),
      addressLine2: member.addressLine2Enc
        ? decryptField(key, member.addressLine2Enc, FIELD_CONTEXTS.addressLine2)
        : null,
    }),
  };
}

async function coverageResources(call: FhirCall, ids?: string[]) {
  const { member, resource } = await loadPatient(call);
  const spans = await repo.findCoverages(call.deps.db.db, member.id, ids);
  const memberNumber = resource.identifier[0]?.value ?? '';
  return spans.map((span) => ({
    span,
    resource: carin.coverageResource(span, { ...member, memberNumber }),
  }));
}

export async function readResource(call: FhirCall, resourceType: string, id: string) {
  requireScope(call, resourceType);
  await checkStillAllowed(call);
  const patientId = call.access.patientId;
  let resource: { resourceType: string; id: string } | undefined;
  if (resourceType === 'Patient') {
    if (id !== patientId) return deniedRead(call, resourceType, id);
    resource = (await loadPatient(call)).resource;
  } else if (resourceType === 'ExplanationOfBenefit') {
    const entries = await searchEobEntries(call, { _id: id }, { offset: 0, count: 1 });
    resource = entries.matches[0];
  } else if (resourceType === 'Coverage') {
    resource = (await coverageResources(call, [id]))[0]?.resource;
  } else if (resourceType === 'Organization') {
    resource = (await organizations(call, [id]))[0];
  } else if (resourceType === 'Practitioner') {
    resource = (await practitioners(call, [id]))[0];
  }
  if (!resource) return deniedRead(call, resourceType, id);
  await audit(call, 'viewed', resourceType, id, {});
  return resource;
}

async function organizations(call: FhirCall, ids: string[]) {
  const db = call.deps.db.db;
  const [pharmacies, payers] = await Promise.all([
    repo.findMemberPharmacies(db, call.access.patientId, ids),
    repo.findMemberPayers(db, call.access.patientId, ids),
  ]);
  return [...pharmacies.map(carin.pharmacyOrganization), ...payers.map(carin.payerOrganization)];
}

async function practitioners(call: FhirCall, ids: string[]) {
  const rows = await repo.findMemberPrescribers(call.deps.db.db, call.access.patientId, ids);
  return rows.map(carin.practitionerResource);
}

function dateBounds(query: Query, name: string) {
  return all(query[name]).map((raw) => parseDateParam(name, raw));
}

async function searchEobEntries(call: FhirCall, query: Query, page: { offset: number; count: number }) {
  const types = all(query.type).map(parseToken);
  const identifiers = all(query.identifier).map(parseToken);
  const ids = [...all(query._id), ...identifiers.map((t) => t.code)];
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const noMatch =
    types.some((t) => t.code !== 'pharmacy') ||
    identifiers.some((t) => t.system !== null && t.system !== carin.CLAIM_ID_SYSTEM) ||
    ids.some((id) => !uuid.test(id));
  if (noMatch) return { matches: [], rows: [], total: 0, coverages: [] };
  const db = call.deps.db.db;
  const [{ rows, total }, coverages] = await Promise.all([
    repo.searchMemberClaims(
      db,
      call.access.patientId,
      {
        ...(ids.length ? { ids } : {}),
        serviceDate: dateBounds(query, 'service-date'),
        lastUpdated: dateBounds(query, '_lastUpdated'),
      },
      page,
    ),
    repo.findCoverages(db, call.access.patientId),
  ]);
  const coverageFor = (date: string) =>
    coverages.find((c) => c.startDate <= date && (c.endDate === null || c.endDate >= date))?.id ?? null;
  return {
    matches: rows.map((row) => carin.explanationOfBenefit(row, coverageFor(row.dateOfService))),
    rows,
    total,
    coverages,
  };
}

const SEARCH_PARAMS: Record<string, ReadonlySet<string>> = {
  ExplanationOfBenefit: new Set(['patient', '_id', 'identifier', 'type', 'service-date', '_lastUpdated']),
  Patient: new Set(['_id', 'identifier']),
  Coverage: new Set(['patient', 'beneficiary', '_id']),
  Organization: new Set(['_id']),
  Practitioner: new Set(['_id']),
};

export async function search(call: FhirCall, resourceType: string, query: Query) {
  const allowed = SEARCH_PARAMS[resourceType];
  if (!allowed) throw fhirNotFound(`Resource type ${resourceType}`);
  assertKnownParams(query, allowed);
  requireScope(call, resourceType);
  const includes = all(query._include);
  for (const include of includes) {
    if (resourceType !== 'ExplanationOfBenefit' || !EOB_INCLUDES.has(include)) {
      throw fhirBadParam('_include', `${include} is not supported.`);
    }
  }
  await checkStillAllowed(call);
  await assertOwnPatient(call, resourceType, 'patient', first(query.patient));
  await assertOwnPatient(call, resourceType, 'beneficiary', first(query.beneficiary));
  const page = paging(query);
  let matches: Array<{ resourceType: string; id: string }> = [];
  let total = 0;
  const included: BundleEntry['resource'][] = [];
  if (resourceType === 'ExplanationOfBenefit') {
    const found = await searchEobEntries(call, query, page);
    matches = found.matches;
    total = found.total;
    included.push(...(await eobIncludes(call, includes, found.rows, found.matches)));
  } else {
    const ids = all(query._id);
    let list: Array<{ resourceType: string; id: string }> = [];
    if (resourceType === 'Patient') {
      const { resource } = await loadPatient(call);
      const identifiers = all(query.identifier).map(parseToken);
      const idOk = ids.length === 0 || ids.includes(resource.id);
      const identifierOk = identifiers.every((t) => t.code === resource.identifier[0]?.value);
      list = idOk && identifierOk ? [resource] : [];
    } else if (resourceType === 'Coverage') {
      list = (await coverageResources(call, ids.length ? ids : undefined)).map((c) => c.resource);
    } else if (resourceType === 'Organization') {
      if (ids.length === 0)
        throw fhirBadParam('_id', 'is required: this server lists organizations by id only.');
      list = await organizations(call, ids);
    } else if (resourceType === 'Practitioner') {
      if (ids.length === 0)
        throw fhirBadParam('_id', 'is required: this server lists practitioners by id only.');
      list = await practitioners(call, ids);
    }
    total = list.length;
    matches = list.slice(page.offset, page.offset + page.count);
  }
  await audit(call, 'searched', resourceType, null, { results: matches.length });
  return searchset({
    base: call.fhirBase,
    path: `/${resourceType}`,
    query,
    total,
    offset: page.offset,
    count: page.count,
    entries: [
      ...matches.map((resource) => ({ resource, mode: 'match' as const })),
      ...included.map((resource) => ({ resource, mode: 'include' as const })),
    ] as BundleEntry[],
  });
}

async function eobIncludes(
  call: FhirCall,
  includes: string[],
  rows: repo.EobClaimRow[],
  eobs: Array<{ insurance: Array<{ coverage: { reference?: string } }> }>,
) {
  if (includes.length === 0 || rows.length === 0) return [];
  const wants = (name: string) =>
    includes.includes(`ExplanationOfBenefit:${name}`) || includes.includes('ExplanationOfBenefit:*');
  const out: BundleEntry['resource'][] = [];
  const unique = (values: Array<string | null>) => [
    ...new Set(values.filter((v): v is string => v !== null)),
  ];
  if (wants('patient')) out.push((await loadPatient(call)).resource);
  const orgIds = unique([
    ...(wants('provider') ? rows.map((r) => r.pharmacyId) : []),
    ...(wants('insurer') ? rows.map((r) => r.clientId) : []),
  ]);
  if (orgIds.length) out.push(...(await organizations(call, orgIds)));
  if (wants('care-team')) out.push(...(await practitioners(call, unique(rows.map((r) => r.prescriberId)))));
  if (wants('coverage')) {
    const ids = unique(eobs.map((e) => e.insurance[0]?.coverage.reference?.replace('Coverage/', '') ?? null));
    if (ids.length) out.push(...(await coverageResources(call, ids)).map((c) => c.resource));
  }
  return out as BundleEntry['resource'][];
}
