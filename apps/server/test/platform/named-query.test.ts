// Fixed hot-path statements: on PGlite they are PREPAREd once and run with EXECUTE and literal arguments, so the
// literals must carry every value exactly (quotes, backslashes, nulls in arrays) and never as SQL.
import type { DatabaseHandle } from '@openpbm/db';
import { createTestDatabase } from '@openpbm/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NamedStatement, namedQuery, sqlLiteral } from '../../src/platform/named-query';

let db: DatabaseHandle;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

const ECHO: NamedStatement = {
  name: 'named_query_echo_v1',
  text: `select $1::text as text, $2::int as number, $3::boolean as flag, $4::timestamptz as at,
    $5::text[] as texts, $6::uuid[] as ids, $7::jsonb as doc, $8::date as day`,
};

describe('namedQuery', () => {
  it('returns every kind of value exactly as a plain parameterized query does', async () => {
    const values = [
      `O'Brien \\ "quoted"; drop table members; --`,
      -42,
      true,
      new Date('2026-03-02T15:00:07.123Z'),
      ['plain', null, `it's`, 'back\\slash', 'say "hi"', '{braces},comma'],
      ['01a2340d-0c30-71d6-9c1e-5399cd4e64ed', null],
      { note: "it's \\ fine", n: [1, 2] },
      null,
    ];
    const plain = await db.sql.query(ECHO.text, values);
    // Overlapping first calls prepare it once; later calls reuse it.
    const first = await Promise.all([1, 2, 3].map(() => namedQuery(db.db, ECHO, values)));
    expect(first).toEqual([plain.rows, plain.rows, plain.rows]);
    expect(await namedQuery(db.db, ECHO, values)).toEqual(plain.rows);
    // The text that looked like SQL stayed a value.
    expect((await db.sql.query(`select to_regclass('members')::text as t`)).rows).toEqual([{ t: 'members' }]);
  });

  it('writes literals that cannot end the string they are in', () => {
    expect(sqlLiteral(`a'; select 1; --`)).toBe(`'a''; select 1; --'`);
    expect(sqlLiteral(null)).toBe('null');
    expect(sqlLiteral(7)).toBe(`'7'`);
    expect(sqlLiteral(['x"y', null, 'b\\s'])).toBe(`'{"x\\"y",NULL,"b\\\\s"}'`);
    expect(() => sqlLiteral(Number.NaN)).toThrow(RangeError);
  });
});
