// The catalogue of problem types: every `type` the API answers is `urn:openpbm:problem:<slug>` with a slug from
// this list, and ProblemError takes only these slugs (a new one is added here, with its sentence, or it does not
// compile). Clients branch on the slug, never on the title or detail text, so a slug, once shipped, keeps its
// meaning. Shown at /docs (the OpenAPI description) and in docs/problems.md (a test keeps that file in step).

interface ProblemTypeInfo {
  /** The HTTP status the slug is answered with. */
  status: number;
  /** One sentence: when the server answers it and what a client can do. */
  meaning: string;
}

export const PROBLEM_TYPES = {
  // ---- the request itself
  validation: {
    status: 400,
    meaning: 'A field is missing or invalid; `errors` lists each field with a message to show beside it.',
  },
  'bad-request': { status: 400, meaning: 'The request could not be read (malformed JSON or an empty body).' },
  'body-too-large': { status: 413, meaning: 'The request body is larger than this route accepts.' },
  'unsupported-media-type': { status: 415, meaning: 'The Content-Type is not one this route reads.' },
  'method-not-allowed': { status: 405, meaning: 'The path exists but not with this method.' },
  'idempotency-key-reused': {
    status: 422,
    meaning: 'This Idempotency-Key was used before with a different request body; use a new key.',
  },
  // ---- who is asking
  unauthorized: { status: 401, meaning: 'Not signed in, or the session ended; sign in again.' },
  forbidden: { status: 403, meaning: 'Signed in, but this role or account may not do this.' },
  csrf: { status: 403, meaning: 'The CSRF token is missing or stale; fetch a new one and retry once.' },
  'second-factor-required': {
    status: 403,
    meaning: 'A staff session must finish a second factor (or set one up) before it reaches this.',
  },
  'reauthentication-required': {
    status: 403,
    meaning: 'A sensitive change needs the password (and second factor) again within the last few minutes.',
  },
  'reauthentication-failed': {
    status: 400,
    meaning: 'The password or code given to reauthenticate is wrong.',
  },
  'sign-in-failed': {
    status: 401,
    meaning: 'Username, password or code did not match; the answer never says which.',
  },
  'email-unverified': { status: 403, meaning: 'The account waits for its e-mail address to be verified.' },
  'code-rejected': { status: 400, meaning: 'A one-time code (authenticator or recovery) was wrong or used.' },
  'passkey-failed': { status: 400, meaning: 'The passkey ceremony could not be verified; try again.' },
  'certificate-required': {
    status: 401,
    meaning:
      'A secure tool needs the session and a valid client certificate of the same user, so the ordinary address always gets this: get or renew one on the Certificates page, then use the secure-tools address. Extra members: reason, certificatePage, secureToolsUrl.',
  },
  'rate-limited': {
    status: 429,
    meaning: 'Too many attempts or requests; wait (Retry-After) and try again.',
  },
  // ---- enrolment and links
  'activation-failed': {
    status: 400,
    meaning: 'The member details did not match eligibility (the same answer for every mismatch).',
  },
  'already-registered': { status: 409, meaning: 'The member already has an account; sign in or recover it.' },
  'registration-expired': {
    status: 400,
    meaning: 'The activation step is over 30 minutes old or was used; verify the member details again.',
  },
  'link-invalid': { status: 400, meaning: 'An e-mailed link expired or was already used.' },
  // ---- the thing asked for
  'not-found': {
    status: 404,
    meaning: 'Nothing with this id is available to the caller (another member’s record looks the same).',
  },
  conflict: {
    status: 409,
    meaning: 'The request conflicts with the current state in a way no more specific slug below describes.',
  },
  'already-exists': {
    status: 409,
    meaning:
      'The same request is already on file and open (an auto-refill, a transfer, a prior authorization, an appeal).',
  },
  'invalid-state': {
    status: 409,
    meaning:
      'The record is not in a state that allows this step (an order not yet verified, a closed request, a decided case).',
  },
  'changed-concurrently': {
    status: 409,
    meaning: 'Someone else changed the record, or is changing it, since it was read; reload and try again.',
  },
  'request-in-progress': {
    status: 409,
    meaning: 'A request with this Idempotency-Key is still running or was just abandoned; retry it shortly.',
  },
  'not-covered': {
    status: 409,
    meaning:
      'The member’s coverage does not allow this (no coverage in force, no home delivery, no PA needed).',
  },
  'setup-required': {
    status: 409,
    meaning:
      'Something must be set up first (an authenticator app before confirming it, a factor before removing).',
  },
  'deadline-passed': {
    status: 409,
    meaning: 'The time allowed for this step has passed (e.g. 180 days to appeal).',
  },
  'limit-reached': { status: 409, meaning: 'A per-record limit is reached (e.g. documents on one request).' },
  'dur-review-required': {
    status: 409,
    meaning: 'A drug utilization review warning needs a pharmacist’s decision before the order can go on.',
  },
  'refill-not-allowed': {
    status: 422,
    meaning:
      'The prescription cannot be refilled now (too soon, no refills left, expired); `detail` says why.',
  },
  'eligibility-file-invalid': {
    status: 422,
    meaning:
      'An eligibility file has record errors; nothing was applied; `errors` names each record (place, field, reason).',
  },
  'too-many-matches': {
    status: 422,
    meaning: 'A member search matches more than 20 people; add the first name or search by member ID.',
  },
  'break-the-glass-required': {
    status: 403,
    meaning:
      'The member record is restricted; open it with break-the-glass and a reason (the privacy officer is told).',
  },
  'not-restricted': {
    status: 409,
    meaning: 'Break-the-glass was asked for a record that is not restricted.',
  },
  // ---- the server
  internal: { status: 500, meaning: 'Something went wrong on the server; it was logged; try again later.' },
  'vault-unavailable': {
    status: 503,
    meaning: 'The document store for attachments is unreachable; try again later.',
  },
} as const satisfies Record<string, ProblemTypeInfo>;

export type ProblemSlug = keyof typeof PROBLEM_TYPES;

/** The 409 slugs: `conflict(detail, slug)` takes one of these. */
export type ConflictSlug = {
  [S in ProblemSlug]: (typeof PROBLEM_TYPES)[S]['status'] extends 409 ? S : never;
}[ProblemSlug];

/** The catalogue as a Markdown table: docs/problems.md and the OpenAPI description at /docs. */
export function problemCatalogueMarkdown(): string {
  const rows = Object.entries(PROBLEM_TYPES).map(
    ([slug, info]) => `| \`${slug}\` | ${info.status} | ${info.meaning} |`,
  );
  return [
    'Every error is `application/problem+json` (RFC 9457) with `type` = `urn:openpbm:problem:<slug>`.',
    'Clients branch on the slug, never on `title` or `detail`.',
    '',
    '| slug | status | meaning |',
    '| --- | --- | --- |',
    ...rows,
  ].join('\n');
}
