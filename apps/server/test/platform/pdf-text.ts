// Test helper: the text of each page of a PDF, and whether it is tagged, read back with pdfjs-dist.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface ParsedPdf {
  pages: string[];
  /** All pages, whitespace (line breaks included) collapsed to single spaces. */
  text: string;
  title: string | undefined;
  tagged: boolean;
  /** Structure roles found in the tree (H1, P, Table, TH, ...). */
  roles: Set<string>;
}

function collectRoles(node: unknown, into: Set<string>) {
  if (!node || typeof node !== 'object') return;
  const n = node as { role?: string; children?: unknown[] };
  if (n.role) into.add(n.role);
  for (const child of n.children ?? []) collectRoles(child, into);
}

export async function parsePdf(data: Uint8Array): Promise<ParsedPdf> {
  const pdf = await getDocument({ data: new Uint8Array(data), useSystemFonts: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  const roles = new Set<string>();
  for (let i = 1; i <= pdf.numPages; i++) {
    const page = await pdf.getPage(i);
    const content = await page.getTextContent();
    pages.push(
      content.items
        .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : ''))
        .join('')
        .replace(/ +/g, ' '),
    );
    collectRoles(await page.getStructTree(), roles);
  }
  const meta = await pdf.getMetadata();
  const markInfo = await pdf.getMarkInfo();
  await pdf.destroy();
  return {
    pages,
    // Whitespace collapsed: a table cell may wrap a phrase over two lines.
    text: pages.join(' ').replace(/\s+/g, ' '),
    title: (meta.info as { Title?: string }).Title,
    tagged: Boolean(markInfo?.Marked),
    roles,
  };
}
