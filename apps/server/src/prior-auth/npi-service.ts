// Only prescribers whose NPI the PBM verified may ask for coverage. An administrator records the verification
// (a match in the NPPES registry, or a staff review of the license); the NPI must pass its check digit, and a
// verification covers the NPI it was made for, so a changed NPI needs a new one.
import { isValidNpi } from '@openpbm/db/reference/identifiers';
import type { AppDeps } from '../app-deps';
import type { Principal } from '../identity/principal';
import { badRequest, forbidden, notFound } from '../platform/problem';
import { recordAudit } from '../privacy/audit';
import { findPrescriber, findPrescriberIdByNpi } from './facts-repo';
import { findNpiVerification, revokeNpiVerification, upsertNpiVerification } from './workflow-repo';

export interface VerifiedPrescriber {
  prescriberId: string;
  npi: string;
}

export async function requireVerifiedPrescriber(
  deps: AppDeps,
  principal: Principal,
): Promise<VerifiedPrescriber> {
  if (!principal.prescriberId) throw forbidden('Your account is not linked to a prescriber.');
  const prescriber = await findPrescriber(deps.db.db, principal.prescriberId);
  const verification = await findNpiVerification(deps.db.db, principal.prescriberId);
  if (!prescriber || !verification || verification.revokedAt || verification.npi !== prescriber.npi) {
    throw forbidden('Your NPI has not been verified yet. Contact OpenPBM provider services to verify it.');
  }
  return { prescriberId: prescriber.id, npi: prescriber.npi };
}

/** The signed-in prescriber and whether they may ask yet (the portal says so before they fill anything in). */
export async function prescriberStatus(deps: AppDeps, principal: Principal) {
  const prescriber = principal.prescriberId ? await findPrescriber(deps.db.db, principal.prescriberId) : null;
  if (!prescriber) throw forbidden('Your account is not linked to a prescriber.');
  const verification = await findNpiVerification(deps.db.db, prescriber.id);
  return {
    prescriberId: prescriber.id,
    name: `${prescriber.firstName} ${prescriber.lastName}, ${prescriber.credential}`,
    npi: prescriber.npi,
    npiVerified: !!verification && !verification.revokedAt && verification.npi === prescriber.npi,
  };
}

async function prescriberIdOf(deps: AppDeps, npi: string): Promise<string> {
  const id = await findPrescriberIdByNpi(deps.db.db, npi);
  if (!id) throw notFound('No prescriber with this NPI.');
  return id;
}

export async function verifyPrescriberNpi(
  deps: AppDeps,
  principal: Principal,
  ip: string | null,
  npi: string,
  method: 'registry_match' | 'staff_review',
) {
  const prescriberId = await prescriberIdOf(deps, npi);
  const prescriber = await findPrescriber(deps.db.db, prescriberId);
  if (!prescriber) throw notFound('No prescriber with this NPI.');
  if (!isValidNpi(prescriber.npi)) {
    throw badRequest('This NPI fails its check digit and cannot be verified.', [
      { field: 'npi', message: 'Not a valid NPI' },
    ]);
  }
  const row = await upsertNpiVerification(deps.db.db, {
    prescriberId,
    npi: prescriber.npi,
    method,
    verifiedAt: deps.now(),
    verifiedByUserId: principal.userId,
  });
  await auditNpi(deps, principal, ip, prescriberId, 'npi_verified', { method });
  return view(row);
}

export async function revokePrescriberNpi(
  deps: AppDeps,
  principal: Principal,
  ip: string | null,
  npi: string,
) {
  const prescriberId = await prescriberIdOf(deps, npi);
  const row = await revokeNpiVerification(deps.db.db, prescriberId, deps.now());
  if (!row) throw notFound('This prescriber has no NPI verification.');
  await auditNpi(deps, principal, ip, prescriberId, 'npi_verification_revoked');
  return view(row);
}

function view(row: Awaited<ReturnType<typeof upsertNpiVerification>>) {
  return {
    prescriberId: row.prescriberId,
    npi: row.npi,
    method: row.method,
    verifiedAt: row.verifiedAt.toISOString(),
    revoked: row.revokedAt !== null,
  };
}

async function auditNpi(
  deps: AppDeps,
  principal: Principal,
  ip: string | null,
  prescriberId: string,
  action: string,
  detail?: Record<string, unknown>,
) {
  await recordAudit(
    deps.db.db,
    {
      actorUserId: principal.userId,
      actorRole: principal.role,
      action,
      resourceType: 'prescriber',
      resourceId: prescriberId,
      reason: 'operations',
      ip,
      detail: detail ?? null,
    },
    deps.now(),
  );
}
