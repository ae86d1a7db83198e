// Field encryption after IVs came from a pooled random block and the key was imported once: every value still
// decrypts in its own context only, and no two encryptions share an IV. Array literals: same text as the
// straightforward per-item quoting they replace.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decryptField, deriveFieldKey, encryptField, FIELD_CONTEXTS } from '../src/field-crypto';
import { pgArrayLiteral } from '../src/pg-array';

const key = deriveFieldKey('ab'.repeat(32));

describe('field encryption', () => {
  it('round-trips any text in its context and refuses another context', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const stored = encryptField(key, text, FIELD_CONTEXTS.dateOfBirth);
        expect(decryptField(key, stored, FIELD_CONTEXTS.dateOfBirth)).toBe(text);
        expect(() => decryptField(key, stored, FIELD_CONTEXTS.addressLine1)).toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('never repeats an IV across more than one random block', () => {
    const ivs = new Set(
      Array.from({ length: 10_000 }, () => encryptField(key, 'x', FIELD_CONTEXTS.memberNumber).split('.')[2]),
    );
    expect(ivs.size).toBe(10_000);
  });
});

describe('pgArrayLiteral', () => {
  const reference = (values: readonly unknown[]) =>
    `{${values
      .map((item) =>
        item == null
          ? 'NULL'
          : `"${(item instanceof Date ? item.toISOString() : String(item)).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`,
      )
      .join(',')}}`;
  it('quotes and escapes like the per-item version', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.constant(null), fc.integer(), fc.date({ noInvalidDate: true }))),
        (values) => {
          expect(pgArrayLiteral(values)).toBe(reference(values));
        },
      ),
    );
  });
});
