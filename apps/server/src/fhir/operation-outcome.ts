// FHIR errors: every failure under /fhir answers an OperationOutcome (never problem+json), with the HTTP status
// the FHIR RESTful API gives it and, where an element is to blame, its FHIRPath in `expression`.
export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

export type IssueCode =
  | 'invalid'
  | 'structure'
  | 'required'
  | 'value'
  | 'not-supported'
  | 'not-found'
  | 'login'
  | 'forbidden'
  | 'security'
  | 'expired'
  | 'exception'
  | 'throttled'
  | 'processing'
  | 'duplicate'
  | 'conflict'
  | 'too-costly';

export class FhirError extends Error {
  constructor(
    readonly status: number,
    readonly code: IssueCode,
    readonly diagnostics: string,
    readonly expression?: string[],
  ) {
    super(diagnostics);
  }
}

export const operationOutcome = (
  severity: 'error' | 'fatal' | 'warning' | 'information',
  code: IssueCode,
  diagnostics: string,
  expression?: string[],
) => ({
  resourceType: 'OperationOutcome' as const,
  issue: [{ severity, code, diagnostics, ...(expression?.length ? { expression } : {}) }],
});

export const fhirNotFound = (what: string) =>
  new FhirError(404, 'not-found', `${what} is not known to this server.`);
export const fhirBadParam = (name: string, why: string) =>
  new FhirError(400, 'invalid', `Search parameter ${name}: ${why}`, [name]);
export const fhirUnauthorized = (why: string) => new FhirError(401, 'login', why);
export const fhirForbidden = (why: string) => new FhirError(403, 'forbidden', why);
