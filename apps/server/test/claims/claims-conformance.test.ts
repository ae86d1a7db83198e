// Strict D.0 conformance through the real endpoints, with bytes written by hand from the standard (wire-d0.ts):
// numeric fields compare as numbers (Rx number padding), each malformed field is answered with its own M/I code,
// unreadable transmissions say what is wrong, and a date of birth that is not the member's rejects 9.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMember, type FixtureMember } from '../fixtures/benefits';
import { nextRxNumber } from './claim-builders';
import {
  claim,
  f,
  http,
  insurance,
  prescriber,
  t,
  transports,
  useWireWorld,
  wireHeader,
} from './conformance-world';
import { fieldOf, GS, segment, transmission, type WireResponse } from './wire-d0';
import { ccyymmdd, patient, pricing, rejects, status } from './wire-segments';

useWireWorld();

const b1 = (m: FixtureMember, rx: string, ...more: string[]) =>
  transmission(wireHeader('B1'), [insurance(m), patient(m)], [[claim(rx), prescriber(), pricing, ...more]]);
/** The transmission-level message (Response Message, AM20 504-F4). */
const message = (r: WireResponse) => r.segments.find((s) => s.id === '20')?.fields.get('F4')?.[0] ?? '';
const lines = (r: WireResponse) => fieldOf(r, 0, '21', 'FQ').join(' ');

describe('numeric fields compare as numbers', () => {
  it.each(transports)(
    'an Rx number sent with other zero padding is the same prescription (%s)',
    async (_, send) => {
      const m = await addMember(t.db.db, f);
      const rx = nextRxNumber();
      const padded = rx.padStart(12, '0');
      const paid = await send(b1(m, padded));
      expect(status(paid)).toBe('P');
      // A resubmission with the other padding is a duplicate answered with the original, not a new fill (79).
      const again = await send(b1(m, rx));
      expect([status(again), rejects(again), fieldOf(again, 0, '21', 'F3')]).toEqual([
        'D',
        [],
        fieldOf(paid, 0, '21', 'F3'),
      ]);
      // The fill number compares as a number too: "0" and "00" are the same original fill.
      const reversal = await send(
        transmission(wireHeader('B2'), [insurance(m)], [[segment('07', 'EM1', `D2${rx}`, 'D30')]]),
      );
      expect([reversal.code, status(reversal)]).toEqual(['B2', 'A']);
      const { rows } = await t.db.sql.query<{ status: string; rx_number: string }>(
        `select status, rx_number from claims where member_id = $1 and transaction_code = 'B1'`,
        [m.id],
      );
      expect(rows).toEqual([{ status: 'reversed', rx_number: rx }]);
    },
  );
});

describe('each malformed field gets its own reject code', () => {
  it.each(transports)('transmission-level problems name the field (%s)', async (_, send) => {
    const m = await addMember(t.db.db, f);
    const nulName = await send(
      transmission(
        wireHeader('B1'),
        [insurance(m), segment('01', `C4${ccyymmdd(m.dateOfBirth)}`, 'CAAL\x00EX', 'CBSAMPLE')],
        [[claim(nextRxNumber()), pricing]],
      ),
    );
    expect([nulName.status, status(nulName), rejects(nulName)]).toEqual(['R', 'R', ['CA']]);
    expect(message(nulName)).toContain('Patient CA (firstName) has a character that is not printable');

    // Header says two transactions, one group follows: A9, not 85.
    const bytes = Buffer.from(b1(m, nextRxNumber()));
    bytes[20] = '2'.charCodeAt(0);
    const count = await send(bytes);
    expect([count.status, rejects(count)]).toEqual(['R', ['A9']]);
    expect(message(count)).toContain('A9 (transactionCount) does not match the 1 transaction group(s)');
  });

  it.each(transports)('transaction-level problems reject the transaction alone (%s)', async (_, send) => {
    const m = await addMember(t.db.db, f);
    const longName = await send(
      transmission(
        wireHeader('B1'),
        [insurance(m), patient(m)],
        [
          [
            claim(nextRxNumber()),
            segment('03', 'EZ01', `DB${f.prescriberNpi}`, `DR${'X'.repeat(8000)}`),
            pricing,
          ],
        ],
      ),
    );
    expect([longName.status, status(longName), rejects(longName)]).toEqual(['A', 'R', ['DR']]);
    expect(lines(longName)).toContain('DR (lastName) is longer than 15');

    const badCost = await send(
      transmission(
        wireHeader('B1'),
        [insurance(m), patient(m)],
        [[claim(nextRxNumber()), segment('11', 'D95000X', 'DU5020{')]],
      ),
    );
    expect([status(badCost), rejects(badCost)]).toEqual(['R', ['23']]);
    const lettersInRx = await send(b1(m, '12A45'));
    expect([status(lettersInRx), rejects(lettersInRx)]).toEqual(['R', ['16']]);
    const { rows } = await t.db.sql.query(`select 1 from claims where member_id = $1 and status = 'paid'`, [
      m.id,
    ]);
    expect(rows).toHaveLength(0);
  });

  it('60 KB of garbage is answered as an unreadable transmission, not a truncated header', async () => {
    const garbage = Buffer.alloc(60 * 1024);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919 + 13) % 256;
    const r = await http(garbage);
    expect(r.status).toBe('R');
    expect(message(r)).toContain('does not start with a D.0 request header');
    expect(message(r)).not.toContain('TRUNCATED_HEADER');
  });
});

describe('date of birth', () => {
  it.each(transports)(
    "a date of birth that is not the member's rejects 9 (B1 and E1, %s)",
    async (_, send) => {
      const m = await addMember(t.db.db, f);
      const wrong = segment('01', 'C419010101', 'CAALEX', 'CBSAMPLE');
      const claimed = await send(
        transmission(wireHeader('B1'), [insurance(m), wrong], [[claim(nextRxNumber()), pricing]]),
      );
      // A Patient segment problem: the transmission is refused (501-F1 R).
      expect([claimed.status, status(claimed), rejects(claimed)]).toEqual(['R', 'R', ['9']]);
      const e1 = await send(transmission(wireHeader('E1'), [insurance(m), wrong], [[]]));
      expect([status(e1), rejects(e1)]).toEqual(['R', ['9']]);
      const right = await send(b1(m, nextRxNumber()));
      expect(status(right)).toBe('P');
    },
  );
});

describe('one corrupted field', () => {
  /** Fields of the B1 above, by segment; corrupted in place or added when absent. */
  const FIELDS: ReadonlyArray<readonly [segment: string, id: string, code: string, max: number]> = [
    ['04', 'C2', '7', 20],
    ['04', 'C1', '6', 15],
    ['04', 'C3', '8', 3],
    ['04', 'C6', '11', 1],
    ['01', 'C4', '9', 8],
    ['01', 'CA', 'CA', 12],
    ['01', 'CB', 'CB', 15],
    ['07', 'D2', '16', 12],
    ['07', 'D7', '21', 19],
    ['07', 'E7', 'E7', 10],
    ['07', 'D3', '17', 2],
    ['07', 'D5', '19', 3],
    ['07', 'D6', '20', 1],
    ['07', 'D8', '22', 1],
    ['03', 'DB', '25', 15],
    ['03', 'DR', 'DR', 15],
    ['11', 'D9', '23', 8],
    ['11', 'DU', 'DU', 8],
  ];

  it("any valid B1 with one field corrupted is rejected with that field's code, never paid", async () => {
    const m = await addMember(t.db.db, f);
    const corrupt = (value: string, how: string, max: number) =>
      ({
        long: value.padEnd(max + 1, '9'),
        nul: `${value}\x00`,
        control: `\x1b${value}`,
        high: `${value}\xff`,
      })[how] ?? value;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...FIELDS),
        fc.constantFrom('long', 'nul', 'control', 'high'),
        async ([seg, id, code, max], how) => {
          const text = Buffer.from(b1(m, nextRxNumber())).toString('latin1');
          const marker = `AM${seg}`;
          const start = text.indexOf(marker);
          const ends = ['\x1e', GS].map((sep) => text.indexOf(sep, start)).filter((e) => e > 0);
          const stop = ends.length ? Math.min(...ends) : text.length;
          const fields = text.slice(start, stop).split('\x1c');
          const at = fields.findIndex((x) => x.startsWith(id));
          const value = at >= 0 ? (fields[at] ?? '').slice(2) : '1';
          const bad = `${id}${corrupt(value, how, max)}`;
          if (at >= 0) fields[at] = bad;
          else fields.push(bad);
          const r = await http(
            Buffer.from(text.slice(0, start) + fields.join('\x1c') + text.slice(stop), 'latin1'),
          );
          expect(rejects(r)).toContain(code);
          expect(status(r)).not.toBe('P');
        },
      ),
      { numRuns: 30 },
    );
    const { rows } = await t.db.sql.query(`select 1 from claims where member_id = $1 and status = 'paid'`, [
      m.id,
    ]);
    expect(rows).toHaveLength(0);
  });
});
