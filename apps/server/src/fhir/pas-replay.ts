// A PAS submitter that did not get (or lost) the answer sends the same Bundle again. The repeat must not open a
// second case: it gets the first answer again (the same ClaimResponse and preAuthRef). A repeat is the same
// submitter (prescriber user) sending the same Bundle.identifier or the same Claim.identifier; it is the same
// request when what the engine reads from it is the same (member, drug, quantity, days, diagnoses, priority,
// notes), so a resend with a new Bundle.timestamp still replays. Another request under a used identifier is a
// 422 OperationOutcome naming that identifier. Kept as long as Idempotency-Key answers (24 hours), encrypted,
// in the same table.
import { createHash, createHmac } from 'node:crypto';
import { decryptField, encryptField, fieldKeyFromConfig } from '@openpbm/db/field-crypto';
import type { AppDeps } from '../app-deps';
import { IDEMPOTENCY_TTL_MS } from '../platform/idempotency';
import { FhirError } from './operation-outcome';
import type { PasSubmission } from './pas-bundle';
import * as repo from './pas-repo';

const ANSWER_CONTEXT = 'idempotency_keys.response_body';
const CLAIM_IDENTIFIER = 'Bundle.entry[0].resource.identifier';

/** Row keys: one per submitter identifier, hashed (identifiers can be long or carry patient-chosen text). */
function keysOf(request: PasSubmission) {
  const key = (kind: string, value: string) =>
    `pas-${kind}:${createHash('sha256').update(value).digest('hex')}`;
  const bundle = key('bundle', request.bundleKey);
  const claim = request.claimKey ? key('claim', request.claimKey) : null;
  const where = new Map([[bundle, 'Bundle.identifier']]);
  if (claim) where.set(claim, CLAIM_IDENTIFIER);
  return where;
}

/** Keyed with the blind-index key: the content holds member IDs and dates of birth. */
function contentHash(deps: AppDeps, request: PasSubmission) {
  const { bundleIdentifier: _b, bundleKey: _k, claimKey: _c, ...content } = request;
  return createHmac('sha256', fieldKeyFromConfig(deps.config).indexKey)
    .update(JSON.stringify(content))
    .digest('hex');
}

export async function submitOnce<T>(
  deps: AppDeps,
  submitterUserId: string,
  request: PasSubmission,
  submit: () => Promise<T>,
): Promise<T> {
  const db = deps.db.db;
  const fieldKey = fieldKeyFromConfig(deps.config);
  const scope = `user:${submitterUserId}:POST /fhir/Claim/$submit`;
  const where = keysOf(request);
  const ids = [...where.keys()];
  const hash = contentHash(deps, request);
  const now = deps.now();

  await repo.forgetSubmissionsBefore(db, scope, ids, new Date(now.getTime() - IDEMPOTENCY_TTL_MS));
  const earlier = await repo.findSubmissions(db, scope, ids);
  const other = earlier.find((row) => row.requestHash !== hash);
  if (other) {
    const path = where.get(other.key) ?? 'Bundle.identifier';
    throw new FhirError(
      422,
      'duplicate',
      `${path}: you already sent a different request with this identifier. Give a new request its own identifier; to follow the first one, use Claim/$inquire.`,
      [path],
    );
  }
  const answered = earlier.find((row) => row.responseBody !== null);
  if (answered) {
    const stored = answered.responseBody as { enc: string };
    return JSON.parse(decryptField(fieldKey, stored.enc, ANSWER_CONTEXT)) as T;
  }
  const claimed = await repo.claimSubmission(db, scope, ids, hash, now);
  if (earlier.length > 0 || claimed.length < ids.length) {
    await repo.releaseSubmission(db, scope, claimed);
    throw new FhirError(
      409,
      'conflict',
      'This request is still being processed; send it again in a moment to get its answer.',
      ['Bundle.identifier'],
    );
  }
  let answer: T;
  try {
    answer = await submit();
  } catch (error) {
    // Nothing was decided: the same request may be sent again.
    await repo.releaseSubmission(db, scope, ids);
    throw error;
  }
  const enc = encryptField(fieldKey, JSON.stringify(answer), ANSWER_CONTEXT);
  await repo.storeSubmissionAnswer(db, scope, ids, { contentType: 'application/fhir+json', enc });
  return answer;
}
