// The SMART App Launch 2.x scopes this server grants. Patient-level read/search only: `.rs` (v2) and `.read` (v1)
// spellings of the same thing, for the resource types of the Patient Access API.
export const PATIENT_RESOURCE_TYPES = [
  'Patient',
  'Coverage',
  'ExplanationOfBenefit',
  'Organization',
  'Practitioner',
] as const;

export const OIDC_SCOPES = ['openid', 'fhirUser', 'launch/patient', 'offline_access'] as const;

export const FHIR_SCOPES: readonly string[] = [
  'patient/*.rs',
  'patient/*.read',
  ...PATIENT_RESOURCE_TYPES.flatMap((type) => [`patient/${type}.rs`, `patient/${type}.read`]),
];

/** What each scope means, in the words the consent page shows a member. */
export function describeScope(scope: string): string | null {
  if (scope === 'openid' || scope === 'fhirUser')
    return 'Know who you are (your name and member record link)';
  if (scope === 'launch/patient') return 'Know which person’s record you chose';
  if (scope === 'offline_access') return 'Keep access when you are not using the app, until you remove it';
  const match = /^patient\/(\*|[A-Za-z]+)\.(rs|read)$/.exec(scope);
  if (!match) return null;
  const labels: Record<string, string> = {
    '*': 'Read your claims (explanations of benefits), coverage and the pharmacies and prescribers on them',
    Patient: 'Read your name, date of birth, gender and address',
    Coverage: 'Read your pharmacy coverage (plan, member ID, dates)',
    ExplanationOfBenefit: 'Read your pharmacy claims: drug, date, pharmacy and what you and the plan paid',
    Organization: 'Read the pharmacies and the plan on your claims',
    Practitioner: 'Read the prescribers on your claims',
  };
  return labels[match[1] ?? ''] ?? null;
}

/** Whether the granted scopes let a token read one resource type. */
export function scopeAllows(granted: ReadonlySet<string>, resourceType: string): boolean {
  return ['*', resourceType].some(
    (type) => granted.has(`patient/${type}.rs`) || granted.has(`patient/${type}.read`),
  );
}

/**
 * Scopes of a prescriber system (SMART Backend Services, client credentials) on Da Vinci PAS: create Claims
 * ($submit) and read ClaimResponses ($inquire), as the prescriber account the system is bound to. The `user/`
 * spelling is accepted too (PAS lets either be used).
 */
export const PAS_SUBMIT_SCOPES = ['system/Claim.c', 'user/Claim.c'] as const;
export const PAS_INQUIRE_SCOPES = ['system/ClaimResponse.r', 'user/ClaimResponse.r'] as const;
export const BACKEND_SCOPES: readonly string[] = [...PAS_SUBMIT_SCOPES, ...PAS_INQUIRE_SCOPES];
