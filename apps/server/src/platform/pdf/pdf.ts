// Server-side PDF documents on pdfkit: tagged (a structure tree of headings, paragraphs and tables that screen
// readers and text extraction follow), a header on every page with the title and the generation time in UTC, and
// "Page n of N" in the footer. Header and footer are marked as artifacts so they are not read as content.
// Text is set in embedded Unicode fonts (./fonts.ts), so names in any Latin, Greek, Cyrillic or Chinese script print
// as written.
import PDFDocument from 'pdfkit';
import { registerFonts, singleFace, textRuns, type Weight } from './fonts';

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

/** "2026-12-03 22:10 UTC": the one way a generation time is written on a document. */
export function utcStamp(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

type Doc = InstanceType<typeof PDFDocument>;
type Struct = ReturnType<Doc['struct']>;

/** One structure element of text; runs in different faces continue the same line and element. */
function text(doc: Doc, parent: Struct, type: string, value: string, weight: Weight = 'regular') {
  const runs = textRuns(value, weight);
  runs.forEach((run, i) => {
    doc.font(run.font).text(run.text, {
      continued: i < runs.length - 1,
      ...(i === 0 ? { structParent: parent, structType: type } : {}),
    });
  });
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
  doc.fontSize(TABLE_SIZE);
  const cell = (value: string, weight: Weight) => ({ text: value, font: { src: singleFace(value, weight) } });
  t.row(block.columns.map((c) => ({ ...cell(c, 'bold'), type: 'TH' as const })));
  for (const row of block.rows) t.row(row.map((c) => cell(c, 'regular')));
  t.end();
  doc.fontSize(BODY_SIZE).moveDown(0.5);
}

function pageFurniture(doc: Doc, spec: PdfSpec) {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const { bottom } = doc.page.margins;
    doc.page.margins.bottom = 0; // writing in the margin must not start a new page
    doc.fontSize(HEADER_SIZE).fillColor('#444444');
    doc.markContent('Artifact', { type: 'Pagination' });
    const runs = textRuns(`OpenPBM  |  ${spec.title}`, 'regular');
    runs.forEach((run, n) => {
      const options = { lineBreak: false, continued: n < runs.length - 1 };
      if (n > 0) doc.font(run.font).text(run.text, options);
      else
        doc
          .font(run.font)
          .text(run.text, MARGIN, MARGIN / 2, { ...options, width: doc.page.width - 2 * MARGIN });
    });
    doc.font(singleFace('Generated', 'regular'));
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
      Title: spec.title,
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
  registerFonts(doc);
  const root = doc.struct('Document');
  doc.addStructure(root);
  doc.fontSize(18);
  text(doc, root, 'H1', spec.title, 'bold');
  doc.fontSize(BODY_SIZE);
  if (spec.subtitle) text(doc, root, 'P', spec.subtitle);
  text(doc, root, 'P', `Generated ${utcStamp(spec.generatedAt)}`);
  doc.moveDown();
  for (const block of spec.blocks) {
    switch (block.kind) {
      case 'heading':
        doc.moveDown(0.5).fontSize(13);
        text(doc, root, 'H2', block.text, 'bold');
        doc.fontSize(BODY_SIZE).moveDown(0.3);
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
