// D.0 bytes written out by hand from the standard's layouts (56-byte request header, 31-byte response header,
// RS FS "AMnn" segments of FS + id + value fields, a GS before each transaction), never through
// @openpbm/ncpdp: these tests check the processor against the standard, not the codec against itself.
export const FS = '\x1c';
export const GS = '\x1d';
export const RS = '\x1e';

export interface WireHeader {
  bin: string;
  /** 103-A3. */
  code: string;
  pcn: string;
  /** 202-B2 and 201-B1. */
  qualifier: string;
  providerId: string;
  /** CCYYMMDD. */
  dateOfService: string;
}

const pad = (value: string, width: number) => value.padEnd(width, ' ').slice(0, width);

/** 101-A1 BIN 6, 102-A2 "D0", 103-A3 2, 104-A4 PCN 10, 109-A9 count 1, 202-B2 2, 201-B1 15, 401-D1 8, 110-AK 10. */
export function requestHeader(h: WireHeader, count: number): string {
  return `${h.bin}D0${h.code}${pad(h.pcn, 10)}${count}${h.qualifier}${pad(h.providerId, 15)}${h.dateOfService}${pad('WIRETEST', 10)}`;
}

/** One segment: its id ("07", or a vendor's "XX") and fields written as id + value, e.g. "D2123456". */
export const segment = (id: string, ...fields: string[]): string =>
  `${RS}${FS}AM${id}${fields.map((f) => FS + f).join('')}`;

/** Header, transmission-level segments, then each transaction's segments after a GS. */
export function transmission(h: WireHeader, level: string[], transactions: string[][]): Uint8Array {
  const body = level.join('') + transactions.map((t) => GS + t.join('')).join('');
  return Buffer.from(requestHeader(h, transactions.length) + body, 'latin1');
}

export interface WireSegment {
  id: string;
  /** Field id -> values in wire order (repeating fields keep every value). */
  fields: Map<string, string[]>;
}

export interface WireResponse {
  /** 102-A2, 103-A3, 109-A9, 501-F1, 202-B2, 201-B1, 401-D1 as fixed-width text. */
  version: string;
  code: string;
  count: string;
  status: string;
  qualifier: string;
  providerId: string;
  dateOfService: string;
  segments: WireSegment[];
  transactions: WireSegment[][];
}

function readSegments(text: string): WireSegment[] {
  return text
    .split(RS)
    .filter((s) => s.length > 0)
    .map((s) => {
      const [am = '', ...rest] = s.split(FS).filter((f) => f.length > 0);
      const fields = new Map<string, string[]>();
      for (const f of rest) fields.set(f.slice(0, 2), [...(fields.get(f.slice(0, 2)) ?? []), f.slice(2)]);
      return { id: am.slice(2), fields };
    });
}

/** Splits a D.0 response the way the standard lays it out. */
export function readResponse(bytes: Uint8Array): WireResponse {
  const text = Buffer.from(bytes).toString('latin1');
  const [level = '', ...groups] = text.slice(31).split(GS);
  return {
    version: text.slice(0, 2),
    code: text.slice(2, 4),
    count: text.slice(4, 5),
    status: text.slice(5, 6),
    qualifier: text.slice(6, 8),
    providerId: text.slice(8, 23).trimEnd(),
    dateOfService: text.slice(23, 31),
    segments: readSegments(level),
    transactions: groups.map(readSegments),
  };
}

/** Values of field `id` in segment `segmentId` of transaction `index` (empty when absent). */
export function fieldOf(r: WireResponse, index: number, segmentId: string, id: string): string[] {
  return r.transactions[index]?.find((s) => s.id === segmentId)?.fields.get(id) ?? [];
}
