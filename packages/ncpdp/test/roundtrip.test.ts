import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildMessage,
  buildRequest,
  buildResponse,
  NcpdpParseError,
  parseMessage,
  parseRequest,
  parseResponse,
  visualize,
} from '../src/index';
import { rawMessage, typedRequest, typedResponse, withoutOffsets } from './arbitraries';

/** Typed values where empty arrays are dropped: the wire cannot tell "none" from "empty list". */
function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined || (Array.isArray(v) && v.length === 0)) continue;
    out[key] = normalize(v);
  }
  return out;
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => {
  if (Buffer.compare(a, b) !== 0) expect(visualize(b)).toBe(visualize(a));
  expect(Buffer.compare(a, b)).toBe(0);
};

describe('generic layer', () => {
  it('parse(build(m)) === m and build(parse(bytes)) === bytes', () => {
    fc.assert(
      fc.property(rawMessage, (message) => {
        const bytes = buildMessage(message);
        const parsed = parseMessage(bytes);
        expect(withoutOffsets(parsed)).toEqual(message);
        sameBytes(buildMessage(parsed), bytes);
      }),
      { numRuns: 500 },
    );
  });

  it('offsets point at the separators they name', () => {
    fc.assert(
      fc.property(rawMessage, (message) => {
        const bytes = buildMessage(message);
        const parsed = parseMessage(bytes);
        const segments = [...parsed.segments, ...parsed.transactions.flatMap((t) => t.segments)];
        for (const segment of segments) {
          expect(bytes[segment.offset ?? -1]).toBe(0x1e);
          for (const field of segment.fields) expect(bytes[field.offset ?? -1]).toBe(0x1c);
        }
        for (const t of parsed.transactions) expect(bytes[t.offset ?? -1]).toBe(0x1d);
      }),
      { numRuns: 200 },
    );
  });
});

describe('typed layer', () => {
  it('request: build -> parse -> build is byte-exact and parse returns the input', () => {
    fc.assert(
      fc.property(typedRequest, (request) => {
        const bytes = buildRequest(request);
        const parsed = parseRequest(bytes);
        expect(normalize(parsed)).toEqual(normalize(request));
        sameBytes(buildRequest(parsed), bytes);
        // the typed bytes are also plain valid D.0 for the generic layer
        sameBytes(buildMessage(parseMessage(bytes)), bytes);
      }),
      { numRuns: 300 },
    );
  });

  it('response: build -> parse -> build is byte-exact and parse returns the input', () => {
    fc.assert(
      fc.property(typedResponse, (response) => {
        const bytes = buildResponse(response);
        const parsed = parseResponse(bytes);
        expect(normalize(parsed)).toEqual(normalize(response));
        sameBytes(buildResponse(parsed), bytes);
      }),
      { numRuns: 300 },
    );
  });
});

describe('hostile input', () => {
  const parsers = [
    (b: Uint8Array | string) => parseMessage(b),
    (b: Uint8Array | string) => parseRequest(b),
    (b: Uint8Array | string) => parseResponse(b),
  ];

  const onlyParseErrors = (input: Uint8Array | string) => {
    for (const parse of parsers) {
      try {
        parse(input);
      } catch (error) {
        if (!(error instanceof NcpdpParseError)) throw error;
        expect(error.offset).toBeGreaterThanOrEqual(0);
        expect(error.offset).toBeLessThanOrEqual(Math.max(input.length, 64 * 1024));
      }
    }
  };

  it('arbitrary bytes throw nothing but NcpdpParseError', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), onlyParseErrors), { numRuns: 2000 });
  });

  it('arbitrary strings (any code point) throw nothing but NcpdpParseError', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), onlyParseErrors), {
      numRuns: 500,
    });
  });

  it('valid messages with random byte edits throw nothing but NcpdpParseError', () => {
    const edit = fc.record({
      at: fc.nat(),
      byte: fc.constantFrom(0x1c, 0x1d, 0x1e, 0x41, 0x30, 0x7b, 0x00, 0xff, 0x20),
      mode: fc.constantFrom('replace', 'insert', 'delete'),
    });
    const mutated = fc
      .tuple(
        fc.oneof(typedRequest.map(buildRequest), typedResponse.map(buildResponse)),
        fc.array(edit, { maxLength: 4 }),
      )
      .map(([bytes, edits]) => {
        let out = Array.from(bytes);
        for (const e of edits) {
          const at = out.length === 0 ? 0 : e.at % out.length;
          if (e.mode === 'replace') out[at] = e.byte;
          else if (e.mode === 'insert') out.splice(at, 0, e.byte);
          else out = out.filter((_, i) => i !== at);
        }
        return Uint8Array.from(out);
      });
    fc.assert(fc.property(mutated, onlyParseErrors), { numRuns: 1000 });
  });
});
