// The fast X12 reader against the maintained library it replaces on the hot path (node-x12, strict): for any
// interchange, well formed or with a broken count, control number or nesting, both agree on the segments of
// every transaction and the interchange control number, or both refuse the file.
import fc from 'fast-check';
import { X12Parser } from 'node-x12';
import { describe, expect, it } from 'vitest';
import { readInterchanges } from '../../src/clients/x12-segments';

interface Shape {
  element: string;
  terminator: string;
  body: string[][];
  stControl: string;
  seControl: string;
  seCountDelta: number;
  geCountDelta: number;
  isaControl: string;
  ieaControl: string;
  groupControl: string;
  geControl: string;
  lineBreaks: boolean;
  drop: 'none' | 'GS' | 'ST' | 'SE' | 'GE';
}

const DELIMITERS = [
  ['*', '~'],
  ['|', '\u0085'],
  ['^', "'"],
] as const;

const value = fc.stringMatching(/^[A-Za-z0-9 .:-]{0,12}$/);
const tag = fc.constantFrom('INS', 'REF', 'NM1', 'N3', 'N4', 'DMG', 'DTP', 'HD', 'BGN', 'LX');
const control = fc.stringMatching(/^0{0,4}[1-9][0-9]{0,4}$/);

const shape: fc.Arbitrary<Shape> = fc
  .record({
    delimiters: fc.constantFrom(...DELIMITERS),
    body: fc.array(
      fc.tuple(tag, fc.array(value, { minLength: 1, maxLength: 8 })).map(([t, v]) => [t, ...v]),
      { maxLength: 30 },
    ),
    stControl: control,
    seControl: fc.oneof({ weight: 6, arbitrary: fc.constant('same') }, { weight: 1, arbitrary: control }),
    seCountDelta: fc.oneof(
      { weight: 6, arbitrary: fc.constant(0) },
      { weight: 1, arbitrary: fc.integer({ min: -2, max: 2 }) },
    ),
    geCountDelta: fc.oneof(
      { weight: 8, arbitrary: fc.constant(0) },
      { weight: 1, arbitrary: fc.constant(1) },
    ),
    isaControl: fc.stringMatching(/^[0-9]{9}$/),
    ieaControl: fc.oneof(
      { weight: 6, arbitrary: fc.constant('same') },
      { weight: 1, arbitrary: fc.stringMatching(/^[0-9]{1,9}$/) },
    ),
    groupControl: control,
    geControl: fc.oneof({ weight: 6, arbitrary: fc.constant('same') }, { weight: 1, arbitrary: control }),
    lineBreaks: fc.boolean(),
    drop: fc.oneof(
      { weight: 8, arbitrary: fc.constant('none' as const) },
      { weight: 1, arbitrary: fc.constantFrom('GS' as const, 'ST' as const, 'SE' as const, 'GE' as const) },
    ),
  })
  .map(({ delimiters, ...rest }) => ({ ...rest, element: delimiters[0], terminator: delimiters[1] }));

function render(s: Shape): string {
  const e = s.element;
  const isa = [
    'ISA',
    '00',
    '          ',
    '00',
    '          ',
    'ZZ',
    'SENDER         ',
    'ZZ',
    'OPENPBM        ',
    '260301',
    '1200',
    '^',
    '00501',
    s.isaControl,
    '0',
    'T',
    ':',
  ].join(e);
  const segments: Array<[string, string[]]> = [
    ['GS', ['BE', 'SENDER', 'OPENPBM', '20260301', '1200', s.groupControl, 'X', '005010X220A1']],
    ['ST', ['834', s.stControl, '005010X220A1']],
    ...s.body.map(([t, ...v]) => [t, v] as [string, string[]]),
    ['SE', [String(s.body.length + 2 + s.seCountDelta), s.seControl === 'same' ? s.stControl : s.seControl]],
    ['GE', [String(1 + s.geCountDelta), s.geControl === 'same' ? s.groupControl : s.geControl]],
    ['IEA', ['1', s.ieaControl === 'same' ? s.isaControl : s.ieaControl]],
  ];
  const kept = segments.filter(([t]) => t !== s.drop).map(([t, v]) => [t, ...v].join(e));
  return [isa, ...kept].map((seg) => `${seg}${s.terminator}`).join(s.lineBreaks ? '\n' : '');
}

/** node-x12's reading: transaction segments as [tag, ...values], and ISA13; or 'refused'. */
function byLibrary(edi: string) {
  try {
    const parsed = new X12Parser(true).parse(edi);
    const list = 'interchanges' in parsed ? parsed.interchanges : [parsed];
    return {
      icn: list[0]?.header.valueOf(13) ?? null,
      segments: list.flatMap((i) =>
        i.functionalGroups.flatMap((g) =>
          g.transactions.flatMap((t) =>
            t.segments.map((seg) => [seg.tag, ...seg.elements.map((x) => x.value)]),
          ),
        ),
      ),
    };
  } catch {
    return 'refused';
  }
}

function byReader(edi: string) {
  try {
    const list = readInterchanges(edi);
    return {
      icn: list[0]?.controlNumber ?? null,
      segments: list.flatMap((i) =>
        i.transactions.flatMap((t) => t.segments.map((seg) => [seg.tag, ...seg.elements])),
      ),
    };
  } catch {
    return 'refused';
  }
}

describe('x12 segment reader', () => {
  it('reads every interchange exactly as node-x12 does, and refuses what it refuses', () => {
    fc.assert(
      fc.property(shape, (s) => {
        // The service removes line breaks before reading, as it did before node-x12.
        const edi = render(s).replace(/\r?\n/g, '');
        expect(byReader(edi)).toEqual(byLibrary(edi));
      }),
      { numRuns: 400 },
    );
  });

  it('refuses a broken envelope and keeps the control number as node-x12 writes it', () => {
    const edi = render({
      element: '*',
      terminator: '~',
      body: [['INS', 'Y', '18', '021']],
      stControl: '0001',
      seControl: 'same',
      seCountDelta: 0,
      geCountDelta: 0,
      isaControl: '000000905',
      ieaControl: 'same',
      groupControl: '1',
      geControl: 'same',
      lineBreaks: false,
      drop: 'none',
    });
    expect(readInterchanges(edi)[0]?.controlNumber).toBe('905');
    expect(() => readInterchanges(edi.replace('SE*3*', 'SE*4*'))).toThrow(/SE01/);
    expect(() => readInterchanges(edi.replace('GE*1*', 'GE*2*'))).toThrow(/GE01/);
    expect(() => readInterchanges('ISA*00*broken~')).toThrow(/too short/);
  });
});
