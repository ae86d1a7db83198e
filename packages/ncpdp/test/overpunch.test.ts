import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeDate,
  decodeOverpunch,
  decodeQuantity,
  encodeDate,
  encodeOverpunch,
  encodeQuantity,
  MAX_MONEY_CENTS,
  tryDecodeOverpunch,
} from '../src/index';

describe('overpunch money', () => {
  it('encodes the D.0 examples', () => {
    expect(encodeOverpunch(0)).toBe('0000000{');
    expect(encodeOverpunch(846)).toBe('0000084F');
    expect(encodeOverpunch(-841)).toBe('0000084J');
    expect(encodeOverpunch(571)).toBe('0000057A');
    expect(encodeOverpunch(1000)).toBe('0000100{');
    expect(encodeOverpunch(-1000)).toBe('0000100}');
    expect(encodeOverpunch(MAX_MONEY_CENTS)).toBe('9999999I');
    expect(encodeOverpunch(-MAX_MONEY_CENTS)).toBe('9999999R');
  });

  it('decodes every sign character', () => {
    const positive = '{ABCDEFGHI';
    const negative = '}JKLMNOPQR';
    for (let digit = 0; digit <= 9; digit++) {
      expect(decodeOverpunch(`0000012${positive[digit]}`)).toBe(120 + digit);
      expect(decodeOverpunch(`0000012${negative[digit]}`)).toBe(-(120 + digit));
    }
  });

  it('accepts truncated leading zeros, plain digits, and reads negative zero as 0', () => {
    expect(decodeOverpunch('5{')).toBe(50);
    expect(decodeOverpunch('{')).toBe(0);
    expect(decodeOverpunch('00000100')).toBe(100);
    expect(decodeOverpunch('0000000}')).toBe(0);
    expect(Object.is(decodeOverpunch('0000000}'), -0)).toBe(false);
  });

  it('rejects what is not a signed number', () => {
    for (const bad of ['', 'ABC', '12{3', '-100', '1.00', ' 100{', 'S', '1234567890123456']) {
      expect(tryDecodeOverpunch(bad)).toBeUndefined();
    }
    expect(() => decodeOverpunch('X')).toThrow(RangeError);
    expect(() => encodeOverpunch(MAX_MONEY_CENTS + 1)).toThrow(RangeError);
    expect(() => encodeOverpunch(1.5)).toThrow(RangeError);
  });

  it('decode(encode(cents)) === cents over the whole D.0 range', () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX_MONEY_CENTS, max: MAX_MONEY_CENTS }), (cents) => {
        const wire = encodeOverpunch(cents);
        expect(wire).toHaveLength(8);
        expect(decodeOverpunch(wire)).toBe(cents);
      }),
      { numRuns: 2000 },
    );
  });

  it('encode(decode(text)) === text for every canonical 8-character field (bijection)', () => {
    const canonical = fc
      .tuple(
        fc.string({ unit: fc.constantFrom(...'0123456789'.split('')), minLength: 7, maxLength: 7 }),
        fc.constantFrom(...'{ABCDEFGHI}JKLMNOPQR'.split('')),
      )
      .map(([lead, sign]) => lead + sign)
      .filter((text) => text !== '0000000}'); // -0 is the one non-canonical spelling of 0
    fc.assert(
      fc.property(canonical, (text) => {
        expect(encodeOverpunch(decodeOverpunch(text))).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('distinct cents never share an encoding (injective)', () => {
    const cents = fc.integer({ min: -MAX_MONEY_CENTS, max: MAX_MONEY_CENTS });
    fc.assert(
      fc.property(cents, cents, (a, b) => {
        fc.pre(a !== b);
        expect(encodeOverpunch(a)).not.toBe(encodeOverpunch(b));
      }),
    );
  });
});

describe('quantities and dates', () => {
  it('quantity has 3 implied decimals', () => {
    expect(encodeQuantity(30_000)).toBe('0000030000');
    expect(decodeQuantity('0000030000')).toBe(30_000);
    expect(decodeQuantity('30000')).toBe(30_000);
    expect(decodeQuantity('30.000')).toBeUndefined();
    expect(encodeQuantity(9_999_999_999)).toBe('9999999999');
    expect(() => encodeQuantity(10_000_000_000)).toThrow(RangeError);
    expect(() => encodeQuantity(-1)).toThrow(RangeError);
  });

  it('dates convert CCYYMMDD <-> ISO and refuse impossible days', () => {
    expect(decodeDate('20240229')).toBe('2024-02-29');
    expect(encodeDate('1980-02-25')).toBe('19800225');
    for (const bad of ['20230229', '20241301', '20240100', '2024011', 'YYYYMMDD', '19000229']) {
      expect(decodeDate(bad)).toBeUndefined();
    }
    expect(decodeDate('20000229')).toBe('2000-02-29');
    expect(() => encodeDate('2024-02-30')).toThrow(RangeError);
    expect(() => encodeDate('20240101')).toThrow(RangeError);
  });

  it('date round trip is exact', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0001-01-01T00:00:00Z'),
          max: new Date('9999-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        (d) => {
          const iso = d.toISOString().slice(0, 10);
          expect(decodeDate(encodeDate(iso))).toBe(iso);
        },
      ),
    );
  });
});
