// The one input rule for text, quantities and dates (issue 19 item 4).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarDate, quantity, text } from '../src/input';

/** Any UTF-16 code unit (lone surrogates included), weighted towards the troublesome ones. */
const anyChar = fc.oneof(
  fc.constantFrom('\u0000', '\u0007', '\n', '\t', '\u0085', '\ud800', 'e\u0301', ' '),
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
);

describe('text', () => {
  const field = text(10).min(1);

  it('refuses NUL and other control characters, and unpaired surrogates', () => {
    for (const bad of ['a\u0000b', 'a\u0007', '\u001bx', 'a\u0085b', 'a\u007fb', '\ud800x', 'x\udc00']) {
      expect(field.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(field.safeParse('a\u0000b').error?.issues[0]?.message).toBe(
      'Remove control or invalid characters.',
    );
  });

  it('allows line breaks and tabs only in multi-line fields', () => {
    expect(field.safeParse('a\nb').success).toBe(false);
    expect(text(10, { multiline: true }).parse('a\nb\tc')).toBe('a\nb\tc');
    expect(text(10, { multiline: true }).safeParse('a\n\u0000').success).toBe(false);
  });

  it('normalizes to NFC and trims before it counts', () => {
    expect(field.parse('  e\u0301  ')).toBe('\u00e9');
    expect(text(1).safeParse('e\u0301').success).toBe(true);
    expect(field.safeParse('12345678901').success).toBe(false);
    expect(text(10, { trim: false }).parse(' pass ')).toBe(' pass ');
  });

  it('accepts whatever it returns, and returns only clean text', () => {
    fc.assert(
      fc.property(fc.string({ unit: anyChar, maxLength: 20 }), (s) => {
        const r = text(20, { multiline: true }).safeParse(s);
        if (!r.success) return;
        expect(r.data).toBe(r.data.normalize('NFC'));
        expect(r.data.replace(/[\t\n\r]/g, '')).not.toMatch(/\p{Cc}/u);
      }),
    );
  });
});

describe('quantity', () => {
  const q = quantity(10_000);

  it('refuses tiny, zero, negative, too large and more than 3 decimals', () => {
    for (const bad of [1e-300, 5e-324, 0, -1, 0.0004, 10_000.001, 1.0005]) {
      expect(q.safeParse(bad).success, String(bad)).toBe(false);
    }
    expect(q.safeParse(1e-300).error?.issues[0]?.message).toBe('Enter a quantity of at least 0.001');
  });

  it('accepts every multiple of 0.001 in range, and never one that rounds to 0 thousandths', () => {
    expect(q.parse(0.001)).toBe(0.001);
    expect(q.parse(2.03)).toBe(2.03);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), (milli) => {
        expect(q.safeParse(milli / 1000).success).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.double({ noNaN: false }), (n) => {
        if (q.safeParse(n).success) expect(Math.round(n * 1000)).toBeGreaterThanOrEqual(1);
      }),
    );
  });
});

describe('calendarDate', () => {
  it('refuses days that do not exist', () => {
    const d = calendarDate();
    expect(d.safeParse('2026-02-28').success).toBe(true);
    expect(d.safeParse('2028-02-29').success).toBe(true);
    for (const bad of ['2026-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-1-1']) {
      expect(d.safeParse(bad).success, bad).toBe(false);
    }
  });
});
