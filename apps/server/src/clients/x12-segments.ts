// A fast, strict reader of an X12 interchange's envelope and segments (issue 10: a 100,000-member 834 in seconds).
// node-x12 builds a segment one character at a time, with position objects per element: 12 s and most of the
// garbage collection of a 16 MB file. This reader splits with String#split and checks the same envelope rules as
// node-x12's strict parser (ISA length, GS/GE and ST/SE nesting, the counts in SE01, GE01 and IEA01, and the
// control numbers repeated in SE02, GE02 and IEA02). apps/server/test/clients/x12-segments.test.ts holds it to
// node-x12 with fast-check: same segments, same interchange control number, and a refusal where node-x12 refuses.

export interface X12Seg {
  tag: string;
  /** Element values, the first one is element 01. */
  elements: string[];
}

export interface X12Transaction {
  header: X12Seg;
  /** Segments between ST and SE. */
  segments: X12Seg[];
}

export interface X12Interchange {
  /** ISA13 as a number written in decimal (node-x12 drops its leading zeros; stored ids keep that form). */
  controlNumber: string;
  transactions: X12Transaction[];
}

export class X12EnvelopeError extends Error {
  constructor(message: string) {
    super(`X12 Standard: ${message}`);
    this.name = 'X12EnvelopeError';
  }
}

// Fixed places in the 106-character ISA segment.
const MIN_LENGTH = 113;
const ELEMENT_DELIMITER_AT = 3;
const ISA_LAST_DELIMITER_AT = 103;
const SEGMENT_TERMINATOR_AT = 105;

/** Element n (1-based) or '' (node-x12's valueOf answers null; callers here trim to '' anyway). */
export const elementOf = (s: X12Seg, n: number): string => s.elements[n - 1] ?? '';

const asCount = (v: string) => String(Number.parseInt(v, 10));

/** Splits a whole interchange (line breaks already removed) and checks its envelope; throws X12EnvelopeError. */
export function readInterchanges(edi: string): X12Interchange[] {
  if (edi.length < MIN_LENGTH)
    throw new X12EnvelopeError(
      `Document is too short. Document must be at least ${MIN_LENGTH} characters long.`,
    );
  const elementDelimiter = edi.charAt(ELEMENT_DELIMITER_AT);
  const terminator = edi.charAt(SEGMENT_TERMINATOR_AT);
  if (edi.charAt(ISA_LAST_DELIMITER_AT) !== elementDelimiter)
    throw new X12EnvelopeError('The ISA segment is not the correct length (106 characters).');
  const pieces = edi.split(terminator);
  // What follows the last terminator is not a segment (node-x12 drops it too).
  pieces.pop();
  if (pieces.length <= 2)
    throw new X12EnvelopeError('An EDI document must contain at least one functional group.');

  const done: X12Interchange[] = [];
  let interchange: (X12Interchange & { groups: number }) | undefined;
  let group: { header: X12Seg; transactions: number } | undefined;
  let transaction: X12Transaction | undefined;
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i] as string;
    const cut = piece.indexOf(elementDelimiter);
    if (cut < 0) throw new X12EnvelopeError(`Segment ${i + 1} has no elements.`);
    // Whitespace before or inside a tag is not part of it (node-x12 skips it).
    const rawTag = piece.slice(0, cut);
    const tag = /\s/.test(rawTag) ? rawTag.replace(/\s/g, '') : rawTag;
    const seg: X12Seg = { tag, elements: piece.slice(cut + 1).split(elementDelimiter) };
    switch (tag) {
      case 'ISA':
        if (seg.elements.length > 13) seg.elements[12] = asCount(seg.elements[12] as string);
        if (interchange) done.push(interchange);
        interchange = { controlNumber: elementOf(seg, 13), transactions: [], groups: 0 };
        break;
      case 'IEA': {
        if (!interchange) throw new X12EnvelopeError('IEA segment without an ISA segment.');
        if (seg.elements.length === 2) seg.elements[1] = asCount(seg.elements[1] as string);
        if (Number.parseInt(elementOf(seg, 1), 10) !== interchange.groups)
          throw new X12EnvelopeError(
            `The value in IEA01 (${elementOf(seg, 1)}) does not match the number of GS segments in the interchange (${interchange.groups}).`,
          );
        if (elementOf(seg, 2) !== interchange.controlNumber)
          throw new X12EnvelopeError(
            `The value in IEA02 (${elementOf(seg, 2)}) does not match the value in ISA13 (${interchange.controlNumber}).`,
          );
        done.push(interchange);
        interchange = undefined;
        break;
      }
      case 'GS':
        if (!interchange) throw new X12EnvelopeError('GS segment outside of an interchange.');
        interchange.groups += 1;
        group = { header: seg, transactions: 0 };
        break;
      case 'GE':
        if (!group) throw new X12EnvelopeError('Missing GS segment!');
        if (Number.parseInt(elementOf(seg, 1), 10) !== group.transactions)
          throw new X12EnvelopeError(
            `The value in GE01 (${elementOf(seg, 1)}) does not match the number of ST segments in the functional group (${group.transactions}).`,
          );
        if (elementOf(seg, 2) !== elementOf(group.header, 6))
          throw new X12EnvelopeError(
            `The value in GE02 (${elementOf(seg, 2)}) does not match the value in GS06 (${elementOf(group.header, 6)}).`,
          );
        group = undefined;
        break;
      case 'ST':
        if (!group || !interchange)
          throw new X12EnvelopeError('ST segment cannot appear outside of a functional group.');
        group.transactions += 1;
        transaction = { header: seg, segments: [] };
        interchange.transactions.push(transaction);
        break;
      case 'SE': {
        if (!group) throw new X12EnvelopeError('SE segment cannot appear outside of a functional group.');
        if (!transaction) throw new X12EnvelopeError('Missing ST segment!');
        const expected = transaction.segments.length + 2;
        if (Number.parseInt(elementOf(seg, 1), 10) !== expected)
          throw new X12EnvelopeError(
            `The value in SE01 (${elementOf(seg, 1)}) does not match the number of segments in the transaction (${expected}).`,
          );
        if (elementOf(seg, 2) !== elementOf(transaction.header, 2))
          throw new X12EnvelopeError(
            `The value in SE02 (${elementOf(seg, 2)}) does not match the value in ST02 (${elementOf(transaction.header, 2)}).`,
          );
        transaction = undefined;
        break;
      }
      default:
        if (!group) throw new X12EnvelopeError(`${tag} segment cannot appear outside of a functional group.`);
        if (!transaction)
          throw new X12EnvelopeError(`${tag} segment cannot appear outside of a transaction.`);
        transaction.segments.push(seg);
    }
  }
  if (interchange) done.push(interchange);
  return done;
}
