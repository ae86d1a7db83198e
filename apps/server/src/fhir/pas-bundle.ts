// Reads a Da Vinci PAS (2.1.0) request Bundle into what the prior-authorization engine needs. Pure: no I/O.
// Anything missing or malformed is a 400 OperationOutcome naming the element by its FHIRPath.
import { FhirError } from './operation-outcome';
import { type PasDocument, readPasDocuments } from './pas-attachments';

export const NDC_SYSTEM = 'http://hl7.org/fhir/sid/ndc';
export const ICD10_SYSTEMS = new Set(['http://hl7.org/fhir/sid/icd-10-cm', 'http://hl7.org/fhir/sid/icd-10']);
/** OpenPBM's member ID (the number on the card), as a Patient identifier system. */
export const MEMBER_ID_SYSTEM = 'urn:openpbm:member-id';

export interface PasSubmission {
  bundleIdentifier: string;
  /** The submitter's identifiers as `system|value`: a repeat of either is a replay (pas-replay.ts). */
  bundleKey: string;
  claimKey: string | null;
  memberNumber: string;
  birthDate: string;
  ndc: string;
  quantityMilli: number;
  daysSupply: number;
  diagnosisCodes: string[];
  expedited: boolean;
  notes: string | null;
  /** DocumentReference entries with inline files, kept with a pended case. */
  documents: PasDocument[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const bad = (path: string, why: string, code: 'required' | 'value' | 'structure' | 'invalid' = 'required') =>
  new FhirError(400, code, `${path}: ${why}`, [path]);
const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
const codings = (concept: unknown): Json[] =>
  isObject(concept) && Array.isArray(concept.coding) ? concept.coding.filter(isObject) : [];

/** The Bundle's entries by fullUrl, and the Claim (the first entry, as the guide requires). */
function openBundle(body: unknown, what: 'submit' | 'inquire') {
  if (!isObject(body) || body.resourceType !== 'Bundle') {
    throw bad(
      'Bundle',
      `the body must be a PAS ${what === 'submit' ? 'request' : 'inquiry request'} Bundle.`,
      'structure',
    );
  }
  if (body.type !== 'collection') throw bad('Bundle.type', 'must be "collection".', 'value');
  const identifier = isObject(body.identifier) ? str(body.identifier.value) : null;
  if (!identifier) throw bad('Bundle.identifier', 'a submitter transaction identifier is required.');
  const bundleKey = `${isObject(body.identifier) ? (str(body.identifier.system) ?? '') : ''}|${identifier}`;
  if (!str(body.timestamp)) throw bad('Bundle.timestamp', 'is required.');
  const entries = Array.isArray(body.entry) ? body.entry.filter(isObject) : [];
  const claim = entries[0]?.resource;
  if (!isObject(claim) || claim.resourceType !== 'Claim') {
    throw bad('Bundle.entry[0].resource', 'the first entry must be the Claim.');
  }
  const byUrl = new Map<string, Json>();
  for (const e of entries) {
    const url = str(e.fullUrl);
    if (url && isObject(e.resource)) byUrl.set(url, e.resource);
  }
  return { identifier, bundleKey, claim, byUrl, entries };
}

function patientOf(claim: Json, byUrl: Map<string, Json>) {
  const path = 'Bundle.entry[0].resource.patient';
  const ref = isObject(claim.patient) ? str(claim.patient.reference) : null;
  if (!ref) throw bad(path, 'a reference to the Patient entry is required.');
  const patient = byUrl.get(ref);
  if (patient?.resourceType !== 'Patient') {
    throw bad(path, `${ref} is not a Patient entry of this Bundle.`, 'invalid');
  }
  const ids = Array.isArray(patient.identifier) ? patient.identifier.filter(isObject) : [];
  const memberNumber = str(ids.find((i) => i.system === MEMBER_ID_SYSTEM)?.value ?? ids[0]?.value);
  if (!memberNumber) throw bad('Patient.identifier', 'the member ID on the card is required.');
  const birthDate = str(patient.birthDate);
  if (!birthDate || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) {
    throw bad('Patient.birthDate', 'a full date of birth (YYYY-MM-DD) is required.');
  }
  return { memberNumber, birthDate };
}

export function readPasSubmission(body: unknown): PasSubmission {
  const { identifier, bundleKey, claim, byUrl, entries } = openBundle(body, 'submit');
  const base = 'Bundle.entry[0].resource';
  if (claim.use !== 'preauthorization') throw bad(`${base}.use`, 'must be "preauthorization".', 'value');
  if (claim.status !== 'active') throw bad(`${base}.status`, 'must be "active".', 'value');
  const type = codings(claim.type).map((c) => c.code);
  if (!type.includes('pharmacy'))
    throw bad(`${base}.type`, 'this server takes pharmacy requests only.', 'value');
  const { memberNumber, birthDate } = patientOf(claim, byUrl);

  const items = Array.isArray(claim.item) ? claim.item.filter(isObject) : [];
  if (items.length !== 1) throw bad(`${base}.item`, 'exactly one item (the drug) is required.');
  const item = items[0] as Json;
  const ndc = str(codings(item.productOrService).find((c) => c.system === NDC_SYSTEM)?.code)?.replace(
    /-/g,
    '',
  );
  if (!ndc || !/^\d{11}$/.test(ndc)) {
    throw bad(`${base}.item[0].productOrService`, `an 11-digit NDC (system ${NDC_SYSTEM}) is required.`);
  }
  const quantity = isObject(item.quantity) ? Number(item.quantity.value) : Number.NaN;
  if (!Number.isFinite(quantity) || quantity <= 0 || quantity > 100_000) {
    throw bad(`${base}.item[0].quantity`, 'a positive quantity is required.');
  }
  const daysSupply = daysSupplyOf(claim, base);

  const diagnoses = Array.isArray(claim.diagnosis) ? claim.diagnosis.filter(isObject) : [];
  const diagnosisCodes = diagnoses
    .flatMap((d) => codings(d.diagnosisCodeableConcept))
    .filter((c) => ICD10_SYSTEMS.has(String(c.system)))
    .map((c) => str(c.code))
    .filter((c): c is string => c !== null);
  if (diagnosisCodes.length === 0) {
    throw bad(
      `${base}.diagnosis`,
      'at least one ICD-10-CM diagnosis (diagnosisCodeableConcept) is required.',
    );
  }
  const priority = codings(claim.priority).map((c) => c.code);
  const notes = str(
    (Array.isArray(claim.supportingInfo) ? claim.supportingInfo.filter(isObject) : [])
      .map((s) => s.valueString)
      .find((v) => typeof v === 'string'),
  );
  const claimId = (Array.isArray(claim.identifier) ? claim.identifier.filter(isObject) : [])[0];
  const claimValue = claimId ? str(claimId.value) : null;
  return {
    bundleIdentifier: identifier,
    bundleKey,
    claimKey: claimValue ? `${str(claimId?.system) ?? ''}|${claimValue}` : null,
    memberNumber,
    birthDate,
    ndc,
    quantityMilli: Math.round(quantity * 1000),
    daysSupply,
    diagnosisCodes,
    expedited: priority.includes('stat'),
    notes,
    documents: readPasDocuments(entries),
  };
}

/** Days supply: PAS carries it in the item's detail or a supportingInfo of category "days-supply". */
function daysSupplyOf(claim: Json, base: string): number {
  const infos = Array.isArray(claim.supportingInfo) ? claim.supportingInfo.filter(isObject) : [];
  const days = infos.find((s) => codings(s.category).some((c) => c.code === 'days-supply'));
  const value = days && isObject(days.valueQuantity) ? Number(days.valueQuantity.value) : Number.NaN;
  if (!Number.isInteger(value) || value < 1 || value > 365) {
    throw bad(`${base}.supportingInfo`, 'a days-supply entry (valueQuantity, 1–365 days) is required.');
  }
  return value;
}

/** $inquire: the case is named by the identifier the $submit answer gave (ClaimResponse.preAuthRef). */
export function readPasInquiry(body: unknown): { bundleIdentifier: string; caseNumber: string } {
  const { identifier, claim } = openBundle(body, 'inquire');
  const ids = Array.isArray(claim.identifier) ? claim.identifier.filter(isObject) : [];
  const caseNumber = str(ids[0]?.value);
  if (!caseNumber || !/^[A-Z]{2}\d{2}-[0-9A-Z]{6}$/.test(caseNumber)) {
    throw bad(
      'Bundle.entry[0].resource.identifier',
      'the case number (preAuthRef of the $submit answer) is required.',
    );
  }
  return { bundleIdentifier: identifier, caseNumber };
}
