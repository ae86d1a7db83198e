// Named internal errors: what went wrong inside the server, never the caller's fault. The error handler answers
// them as a plain 500 `internal` problem (no detail leaves the server) and logs the name, so a log search finds
// every occurrence of one kind. Anything the caller can fix or should be told is a ProblemError instead.

/** A statement that must affect or return a row did not (an insert … returning with no row, a lost row). */
export class InvariantBroken extends Error {
  constructor(what: string) {
    super(what);
    this.name = 'InvariantBroken';
  }
}

/** A setting or reference row the server needs is missing or malformed (the plan's pharmacy, a demo key). */
export class MisconfiguredError extends Error {
  constructor(what: string) {
    super(what);
    this.name = 'MisconfiguredError';
  }
}
