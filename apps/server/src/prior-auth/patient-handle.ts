// The prescriber's proof of a relationship with a patient. The member look-up (member ID and date of birth, both
// from the patient) returns a handle; the questionnaire and the submission name the patient only by it, never by
// an internal member id. The handle is opaque (AES-256-GCM under the field key), bound to the prescriber (their
// id is the additional authenticated data, so another prescriber's handle fails like a forged one) and expires.
// Stateless: nothing to store or clean up.
import { decryptField, encryptField, fieldKeyFromConfig } from '@openpbm/db/field-crypto';
import type { AppDeps } from '../app-deps';
import { notFound } from '../platform/problem';

/** Long enough to fill in a questionnaire and attach documents, short enough not to become a standing grant. */
export const PATIENT_HANDLE_TTL_MS = 60 * 60 * 1000;

const contextOf = (prescriberId: string) => `prior_auth.patient_handle:${prescriberId}`;

export function issuePatientHandle(
  deps: Pick<AppDeps, 'config' | 'now'>,
  prescriberId: string,
  memberId: string,
): { patientHandle: string; expiresAt: string } {
  const expiresAt = new Date(deps.now().getTime() + PATIENT_HANDLE_TTL_MS);
  const payload = JSON.stringify({ m: memberId, e: expiresAt.getTime() });
  const patientHandle = encryptField(fieldKeyFromConfig(deps.config), payload, contextOf(prescriberId));
  return { patientHandle, expiresAt: expiresAt.toISOString() };
}

/** The member a live handle of this prescriber names; any other handle is the same 404 (nothing to probe). */
export function memberOfHandle(
  deps: Pick<AppDeps, 'config' | 'now'>,
  prescriberId: string,
  handle: string,
): string {
  let payload: { m?: unknown; e?: unknown };
  try {
    payload = JSON.parse(decryptField(fieldKeyFromConfig(deps.config), handle, contextOf(prescriberId)));
  } catch {
    payload = {};
  }
  const live = typeof payload.e === 'number' && payload.e > deps.now().getTime();
  if (!live || typeof payload.m !== 'string') {
    throw notFound('This patient reference is not valid or has expired: find the patient again.');
  }
  return payload.m;
}
