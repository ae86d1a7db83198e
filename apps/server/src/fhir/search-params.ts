// Parsing of FHIR search parameters the server supports: date prefixes (eq, ne excluded, lt, le, gt, ge), token
// `system|code`, `_count` and the `_offset` paging cursor. Any parameter a resource does not list is refused with
// 400 (strict handling), so an app never gets an unfiltered list it believes is filtered.
import { fhirBadParam } from './operation-outcome';

export type Query = Record<string, string | string[] | undefined>;

export const COMMON_PARAMS = new Set(['_count', '_offset', '_format', '_include']);
export const MAX_COUNT = 100;
export const DEFAULT_COUNT = 20;

export function assertKnownParams(query: Query, allowed: ReadonlySet<string>): void {
  for (const name of Object.keys(query)) {
    if (!allowed.has(name) && !COMMON_PARAMS.has(name)) {
      throw fhirBadParam(name, 'is not supported for this resource type.');
    }
  }
  const format = first(query._format);
  if (format && !['json', 'application/json', 'application/fhir+json'].includes(format)) {
    throw fhirBadParam('_format', 'only JSON is served.');
  }
}

export function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function all(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(',')).filter(Boolean);
}

export function paging(query: Query): { count: number; offset: number } {
  const rawCount = first(query._count);
  const rawOffset = first(query._offset);
  const count = rawCount === undefined ? DEFAULT_COUNT : Number(rawCount);
  const offset = rawOffset === undefined ? 0 : Number(rawOffset);
  if (!Number.isInteger(count) || count < 0) throw fhirBadParam('_count', 'must be a whole number from 0.');
  if (!Number.isInteger(offset) || offset < 0)
    throw fhirBadParam('_offset', 'must be a whole number from 0.');
  return { count: Math.min(count, MAX_COUNT), offset };
}

export type Comparator = 'eq' | 'lt' | 'le' | 'gt' | 'ge';

export interface DateBound {
  comparator: Comparator;
  /** Lower and upper ends of the value's own precision, as ISO instants (UTC). */
  start: string;
  end: string;
}

const DATE =
  /^(eq|lt|le|gt|ge)?(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/** A date search value ("ge2026-01-01", "2026-03", "lt2026-03-10T12:00:00Z") as a comparator and its range. */
export function parseDateParam(name: string, raw: string): DateBound {
  const match = DATE.exec(raw);
  if (!match) throw fhirBadParam(name, `"${raw.slice(0, 40)}" is not a FHIR date (e.g. ge2026-01-01).`);
  const [, prefix, y, m, d, hh, mm, ss, zone] = match;
  const comparator = (prefix ?? 'eq') as Comparator;
  if (hh !== undefined) {
    const instant = new Date(`${y}-${m}-${d}T${hh}:${mm}:${ss ?? '00'}${zone ?? 'Z'}`);
    if (Number.isNaN(instant.getTime())) throw fhirBadParam(name, 'is not a valid time.');
    return { comparator, start: instant.toISOString(), end: instant.toISOString() };
  }
  const year = Number(y);
  const month = m === undefined ? null : Number(m);
  const day = d === undefined ? null : Number(d);
  const start = new Date(Date.UTC(year, (month ?? 1) - 1, day ?? 1));
  const end =
    day !== null
      ? new Date(Date.UTC(year, (month ?? 1) - 1, day + 1))
      : month !== null
        ? new Date(Date.UTC(year, month, 1))
        : new Date(Date.UTC(year + 1, 0, 1));
  if (Number.isNaN(start.getTime()) || (month !== null && (month < 1 || month > 12))) {
    throw fhirBadParam(name, 'is not a valid date.');
  }
  // end is exclusive: the instant just after the value's precision.
  return { comparator, start: start.toISOString(), end: end.toISOString() };
}

/** `system|code`, `|code` or `code`. */
export function parseToken(raw: string): { system: string | null; code: string } {
  const bar = raw.indexOf('|');
  if (bar < 0) return { system: null, code: raw };
  return { system: raw.slice(0, bar) || null, code: raw.slice(bar + 1) };
}
