// Server-side PDF documents on pdfkit: tagged (a structure tree of headings, paragraphs and tables that screen
// readers and text extraction follow), a header on every page with the title and the generation time in UTC, and
// "Page n of N" in the footer. Header and footer are marked as artifacts so they are not read as content.
// The 14 standard PDF fonts are used (nothing to load from disk or network); they cover Windows-1252, so other
// characters are replaced by "?" rather than printed as wrong glyphs.
import PDFDocument from 'pdfkit';

export type PdfBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  /** Label–value pairs, e.g. a profile. */
  | { kind: 'fields'; fields: Array<[string, string]> }
  | { kind: 'table'; columns: string[]; rows: string[][]; widths?: number[] };

export interface PdfSpec {
  title: string;
  /** The line under the title (whose document, which period). */
  subtitle?: string;
  generatedAt: Date;
  blocks: PdfBlock[];
}

const MARGIN = 54;
const HEADER_SIZE = 8;
const BODY_SIZE = 10;
const TABLE_SIZE = 9;

// Characters outside Windows-1252 (what the standard fonts can print), after mapping common punctuation.
const REPLACEMENTS: Record<string, string> = {
  '\u2192': '->',
  '\u2190': '<-',
  '\u2264': '<=',
  '\u2265': '>=',
};
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

export function printable(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0) ?? 0;
    if (REPLACEMENTS[ch]) out += REPLACEMENTS[ch];
    else if (ch === '\n' || ch === '\t' || (code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff))
      out += ch;
    else if (WIN_ANSI_EXTRA.has(ch)) out += ch;
    else out += '?';
  }
  return out;
}

/** "2026-12-03 22:10 UTC": the one way a generation time is written on a document. */
export function utcStamp(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

type Doc = InstanceType<typeof PDFDocument>;
type Struct = ReturnType<Doc['struct']>;

function text(
  doc: Doc,
  parent: Struct,
  type: string,
  value: string,
  options: PDFKit.Mixins.TextOptions = {},
) {
  doc.text(printable(value), { ...options, structParent: parent, structType: type });
}

function table(doc: Doc, parent: Struct, block: Extract<PdfBlock, { kind: 'table' }>) {
  const width = doc.page.width - 2 * MARGIN;
  const total = block.widths?.reduce((a, b) => a + b, 0) ?? 0;
  const columnStyles = block.widths?.map((w) => Math.floor((w / total) * width));
  const t = doc.table({
    maxWidth: width,
    ...(columnStyles ? { columnStyles } : {}),
    defaultStyle: { padding: 3, border: 0.5, borderColor: '#888888' },
    structParent: parent,
  } as PDFKit.Mixins.TableOptions);
  // Tables a size smaller than body text, so eight columns fit a word like "suppressed" unbroken.
  doc.font('Helvetica-Bold').fontSize(TABLE_SIZE);
  t.row(block.columns.map((c) => ({ text: printable(c), type: 'TH' as const })));
  doc.font('Helvetica');
  for (const row of block.rows) t.row(row.map((c) => printable(c)));
  t.end();
  doc.fontSize(BODY_SIZE).moveDown(0.5);
}

function pageFurniture(doc: Doc, spec: PdfSpec) {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const { bottom } = doc.page.margins;
    doc.page.margins.bottom = 0; // writing in the margin must not start a new page
    doc.fontSize(HEADER_SIZE).font('Helvetica').fillColor('#444444');
    doc.markContent('Artifact', { type: 'Pagination' });
    doc.text(printable(`OpenPBM  |  ${spec.title}`), MARGIN, MARGIN / 2, {
      lineBreak: false,
      width: doc.page.width - 2 * MARGIN,
    });
    doc.text(`Generated ${utcStamp(spec.generatedAt)}`, MARGIN, MARGIN / 2, {
      lineBreak: false,
      align: 'right',
      width: doc.page.width - 2 * MARGIN,
    });
    doc.text(
      `Page ${i - range.start + 1} of ${range.count}`,
      MARGIN,
      doc.page.height - MARGIN / 2 - HEADER_SIZE,
      {
        lineBreak: false,
        align: 'center',
        width: doc.page.width - 2 * MARGIN,
      },
    );
    doc.endMarkedContent();
    doc.page.margins.bottom = bottom;
  }
  doc.fillColor('#000000');
}

/** Renders the document; resolves with the whole file. */
export function renderPdf(spec: PdfSpec): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: MARGIN,
    bufferPages: true,
    tagged: true,
    lang: 'en-US',
    displayTitle: true,
    pdfVersion: '1.7',
    info: {
      Title: printable(spec.title),
      Author: 'OpenPBM',
      Creator: 'OpenPBM',
      CreationDate: spec.generatedAt,
      ModDate: spec.generatedAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const root = doc.struct('Document');
  doc.addStructure(root);
  doc.font('Helvetica-Bold').fontSize(18);
  text(doc, root, 'H1', spec.title);
  doc.font('Helvetica').fontSize(BODY_SIZE);
  if (spec.subtitle) text(doc, root, 'P', spec.subtitle);
  text(doc, root, 'P', `Generated ${utcStamp(spec.generatedAt)}`);
  doc.moveDown();
  for (const block of spec.blocks) {
    switch (block.kind) {
      case 'heading':
        doc.moveDown(0.5).font('Helvetica-Bold').fontSize(13);
        text(doc, root, 'H2', block.text);
        doc.font('Helvetica').fontSize(BODY_SIZE).moveDown(0.3);
        break;
      case 'paragraph':
        text(doc, root, 'P', block.text);
        doc.moveDown(0.4);
        break;
      case 'fields':
        for (const [label, value] of block.fields) text(doc, root, 'P', `${label}: ${value}`);
        doc.moveDown(0.4);
        break;
      case 'table':
        table(doc, root, block);
        break;
    }
  }
  root.end();
  pageFurniture(doc, spec);
  doc.end();
  return done;
}

/** Headers for a PDF download: never cached, always saved as a file. */
export function pdfHeaders(fileName: string): Record<string, string> {
  return {
    'content-type': 'application/pdf',
    'content-disposition': `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
    'cache-control': 'no-store',
  };
}
