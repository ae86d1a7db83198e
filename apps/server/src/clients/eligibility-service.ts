// Eligibility file intake for a client (tool: eligibility_files). Preview: parse, validate every record, and sort
// them into adds, changes and terminations against who is enrolled now, with an error report (where, field,
// reason) that names no other member. Apply: the same checks, then every write in one transaction (all or
// nothing); the same file again (hash, or an 834's interchange control number) changes nothing. Members are
// audited (in chained batches), and the touched tables are analyzed after the bulk write (packages/db/src/statistics.ts).
import { createHash } from 'node:crypto';
import { newId } from '@openpbm/db';
import {
  activationIndex,
  encryptField,
  FIELD_CONTEXTS,
  fieldKeyFromConfig,
  memberNumberIndex,
} from '@openpbm/db/field-crypto';
import { analyzeTables } from '@openpbm/db/statistics';
import {
  type EnrollmentRecord,
  type FileError,
  validateRecords,
} from '@openpbm/domain/eligibility-file/records';
import type { AppDeps } from '../app-deps';
import type { Principal } from '../identity/principal';
import { ProblemError } from '../platform/problem';
import { recordAuditBatch } from '../privacy/audit';
import { createClientAccess } from './client-access';
import { type NewFileOtherCoverage, replaceFileOtherCoverage } from './eligibility-cob-repo';
import { parseEligibilityFile } from './eligibility-parse';
import * as repo from './eligibility-repo';
import { timeZoneOfState } from './time-zones';

export interface EligibilityPreview {
  format: '834' | 'csv';
  records: number;
  adds: number;
  changes: number;
  terminations: number;
  alreadyApplied: boolean;
  errors: FileError[];
}

const PERSON_CODES: Record<string, string> = { '1': '001', '2': '002', '3': '003' };

/**
 * Who sends the file: a signed-in portal user (their eligibility-files grant is checked), or the operator's
 * command line (`npm run eligibility:import`, run on the server by someone who already holds the database).
 */
export type EligibilityActor = Principal | { operator: string };
const isOperator = (a: EligibilityActor): a is { operator: string } => 'operator' in a;

/** Records processed so far, of how many, and errors found so far (large files report as they go). */
export type EligibilityProgress = (p: {
  phase: 'checking' | 'applying';
  processed: number;
  total: number;
  errors: number;
}) => void;
const PROGRESS_EVERY = 250;

export function createEligibilityService(deps: AppDeps) {
  const db = deps.db.db;
  const key = fieldKeyFromConfig(deps.config);
  const access = createClientAccess(deps);

  async function check(
    actor: EligibilityActor,
    clientId: string,
    content: string,
    progress?: EligibilityProgress,
  ) {
    if (!isOperator(actor)) await access.requireTool(actor, clientId, 'eligibility_files');
    const fileHash = createHash('sha256').update(content, 'utf8').digest('hex');
    const parsed = parseEligibilityFile(content);
    const errors = [...parsed.errors, ...validateRecords(parsed.records)];
    const groups = new Map((await repo.groupsOf(db, clientId)).map((g) => [g.groupNumber, g]));
    // Each member number's blind index once (an HMAC), however often the checks and the apply ask for it.
    const indexes = new Map<string, string>();
    const indexOf = (n: string) => {
      let bidx = indexes.get(n);
      if (bidx === undefined) {
        bidx = memberNumberIndex(key, n);
        indexes.set(n, bidx);
      }
      return bidx;
    };
    const known = new Map(
      (
        await repo.membersByIndex(
          db,
          clientId,
          [
            ...new Set(parsed.records.flatMap((r) => [r.memberNumber, r.subscriberNumber]).filter(Boolean)),
          ].map(indexOf),
        )
      ).map((m) => [m.bidx, m]),
    );
    const addedHere = new Set(
      parsed.records.filter((r) => r.action === 'add').map((r) => indexOf(r.memberNumber)),
    );
    const total = parsed.records.length;
    let seen = 0;
    for (const r of parsed.records) {
      seen += 1;
      if (progress && seen % PROGRESS_EVERY === 0)
        progress({ phase: 'checking', processed: seen, total, errors: errors.length });
      const err = (field: string, reason: string) => errors.push({ at: r.at, field, reason });
      const existing = r.memberNumber ? known.get(indexOf(r.memberNumber)) : undefined;
      // Another client's member answers like an unknown id: the report never reveals who is enrolled elsewhere.
      if (r.action === 'add' && existing?.ours) err('member_id', 'Already enrolled: send a change instead.');
      if (r.action === 'add' && existing && !existing.ours)
        err('member_id', 'This member ID cannot be used.');
      if (r.action !== 'add' && !existing?.ours) err('member_id', 'Not enrolled with this client.');
      if (r.action !== 'terminate' && r.groupNumber && !groups.get(r.groupNumber)?.planId)
        err('group_number', 'Not a group of this client with a plan.');
      if (r.action === 'add' && r.relationship !== '1' && r.subscriberNumber) {
        const sub = indexOf(r.subscriberNumber);
        if (!addedHere.has(sub) && !known.get(sub)?.ours)
          err('subscriber_id', 'The subscriber is neither enrolled nor added in this file.');
      }
    }
    const count = (a: EnrollmentRecord['action']) => parsed.records.filter((r) => r.action === a).length;
    const applied = await repo.findApplied(db, clientId, fileHash, parsed.interchangeControlNumber);
    const preview: EligibilityPreview = {
      format: parsed.format,
      records: parsed.records.length,
      adds: count('add'),
      changes: count('change'),
      terminations: count('terminate'),
      alreadyApplied: applied !== null,
      errors: errors.sort((a, b) => a.at.localeCompare(b.at, 'en', { numeric: true })),
    };
    return { preview, parsed, fileHash, groups, known, indexOf };
  }

  return {
    async preview(
      actor: EligibilityActor,
      clientId: string,
      content: string,
      progress?: EligibilityProgress,
    ): Promise<EligibilityPreview> {
      return (await check(actor, clientId, content, progress)).preview;
    },

    async apply(
      actor: EligibilityActor,
      clientId: string,
      content: string,
      progress?: EligibilityProgress,
    ): Promise<EligibilityPreview & { applied: boolean }> {
      const { preview, parsed, fileHash, groups, known, indexOf } = await check(
        actor,
        clientId,
        content,
        progress,
      );
      const actorUserId = isOperator(actor) ? null : actor.userId;
      const actorRole = isOperator(actor) ? `operator:${actor.operator}` : actor.role;
      if (preview.alreadyApplied) return { ...preview, applied: false };
      if (preview.errors.length > 0)
        throw new ProblemError(
          422,
          'eligibility-file-invalid',
          'The file has errors',
          'Nothing was applied. Correct the records listed and send the file again.',
          preview.errors.map((e) => ({ field: `${e.at}: ${e.field}`, message: e.reason })),
        );
      const now = deps.now();
      const today = now.toISOString().slice(0, 10);
      // Every row is prepared (encrypted, ids assigned) first, then written in multi-row batches.
      const idByIndex = new Map([...known.values()].filter((m) => m.ours).map((m) => [m.bidx, m.id]));
      // Subscribers first, so a dependent added in the same file finds its subscriber (in an earlier or the
      // same batch: the foreign key is checked at the end of each statement).
      const ordered = [...parsed.records].sort((a, b) => a.relationship.localeCompare(b.relationship));
      // Subscribers with a dependent in this file get family coverage (a set: one pass, not one per record).
      const withDependents = new Set(
        parsed.records.filter((o) => o.relationship !== '1').map((o) => o.subscriberNumber),
      );
      const newMembers: repo.NewMember[] = [];
      const newSpans: repo.NewSpan[] = [];
      const memberChanges: repo.MemberChange[] = [];
      const spanChanges: repo.SpanChange[] = [];
      const touched: string[] = [];
      const cobMembers: string[] = [];
      const cobRows: NewFileOtherCoverage[] = [];
      for (const r of ordered) {
        const bidx = indexOf(r.memberNumber);
        const group = groups.get(r.groupNumber);
        const status = r.endDate && r.endDate < today ? ('expired' as const) : ('active' as const);
        // A termination carries only the member ID and the end date.
        const demographics =
          r.action === 'terminate'
            ? null
            : {
                firstName: r.firstName,
                lastName: r.lastName,
                dateOfBirthEnc: encryptField(key, r.dateOfBirth, FIELD_CONTEXTS.dateOfBirth),
                gender: r.gender as 'M' | 'F' | 'U',
                addressLine1Enc: encryptField(key, r.address, FIELD_CONTEXTS.addressLine1),
                city: r.city,
                state: r.state,
                zip: r.zip,
                activationBidx: activationIndex(key, r.lastName, r.dateOfBirth, r.zip),
              };
        let memberId = idByIndex.get(bidx);
        if (r.action === 'add' && demographics) {
          memberId = newId();
          const subscriberId =
            r.relationship === '1' ? memberId : (idByIndex.get(indexOf(r.subscriberNumber)) as string);
          newMembers.push({
            id: memberId,
            subscriberId,
            clientId,
            relationshipCode: r.relationship as '1' | '2' | '3',
            personCode: PERSON_CODES[r.relationship] ?? '003',
            memberNumberEnc: encryptField(key, r.memberNumber, FIELD_CONTEXTS.memberNumber),
            memberNumberBidx: bidx,
            timeZone: timeZoneOfState(r.state),
            ...demographics,
          });
          idByIndex.set(bidx, memberId);
          newSpans.push({
            id: newId(),
            memberId,
            groupId: group?.id as string,
            planId: group?.planId as string,
            startDate: r.startDate,
            endDate: r.endDate || null,
            status,
            coverageLevel: withDependents.has(r.relationship === '1' ? r.memberNumber : r.subscriberNumber)
              ? 'family'
              : 'individual',
          });
        } else if (memberId) {
          if (demographics) memberChanges.push({ id: memberId, ...demographics });
          spanChanges.push({ memberId, startDate: r.startDate, endDate: r.endDate || null, status });
        }
        if (memberId) touched.push(memberId);
        if (memberId && r.otherCoverage?.length) {
          cobMembers.push(memberId);
          for (const c of r.otherCoverage)
            cobRows.push({
              memberId,
              coverageType: c.coverageType as NewFileOtherCoverage['coverageType'],
              payerName: c.payerName || 'Other plan',
              bin: c.bin,
              pcn: c.pcn || null,
              groupId: c.groupId || null,
              cardholderIdEnc: encryptField(key, c.cardholderId, FIELD_CONTEXTS.otherCoverageCardholderId),
              effectiveDate: c.effectiveDate,
              terminationDate: c.terminationDate || null,
            });
        }
      }
      const total = ordered.length;
      const applying = (processed: number) => progress?.({ phase: 'applying', processed, total, errors: 0 });
      await db.transaction(async (tx) => {
        await repo.insertMembers(tx, newMembers, applying);
        await repo.insertSpans(tx, newSpans);
        await repo.updateMembers(tx, memberChanges, now, (n) => applying(newMembers.length + n));
        await repo.updateLatestSpans(tx, spanChanges, now);
        await replaceFileOtherCoverage(tx, cobMembers, cobRows);
        await repo.recordImport(tx, {
          clientId,
          format: parsed.format,
          fileHash,
          interchangeControlNumber: parsed.interchangeControlNumber,
          added: preview.adds,
          changed: preview.changes,
          terminated: preview.terminations,
          appliedBy: actorUserId,
          appliedByOperator: isOperator(actor) ? actor.operator : null,
          appliedAt: now,
        });
        // Chained through the one audit function, in multi-row inserts (privacy/audit.ts).
        await recordAuditBatch(
          tx,
          touched.map((memberId) => ({
            actorUserId,
            actorRole,
            action: 'eligibility_file_applied',
            resourceType: 'member',
            resourceId: memberId,
            memberId,
            reason: 'operations',
          })),
          now,
        );
      });
      applying(total);
      await analyzeTables(deps.db.sql, ['members', 'eligibility_spans']);
      return { ...preview, applied: true };
    },
  };
}
