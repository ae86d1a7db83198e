// A hub item's Markdown as PDF blocks (platform/pdf): headings, paragraphs and list items as plain text. Inline
// markup (emphasis, links) is dropped to its words; raw HTML never reaches the PDF (markdown-it `html: false`).
import MarkdownIt from 'markdown-it';
import type { PdfBlock } from '../platform/pdf/pdf';

const md = new MarkdownIt({ html: false, typographer: true });
type Token = ReturnType<typeof md.parse>[number];

const plain = (inline: Token): string =>
  (inline.children ?? [])
    .map((c) => (c.type === 'softbreak' || c.type === 'hardbreak' ? ' ' : c.content))
    .join('');

export function markdownBlocks(source: string): PdfBlock[] {
  const tokens = md.parse(source, {});
  const blocks: PdfBlock[] = [];
  const lists: Array<{ ordered: boolean; n: number }> = [];
  tokens.forEach((token, i) => {
    if (token.type === 'bullet_list_open') lists.push({ ordered: false, n: 0 });
    else if (token.type === 'ordered_list_open') lists.push({ ordered: true, n: 0 });
    else if (token.type === 'bullet_list_close' || token.type === 'ordered_list_close') lists.pop();
    else if (token.type === 'inline') {
      const opener = tokens[i - 1];
      const text = plain(token);
      if (opener?.type === 'heading_open') blocks.push({ kind: 'heading', text });
      else {
        const list = lists[lists.length - 1];
        if (list) list.n += 1;
        const marker = list ? (list.ordered ? `${list.n}. ` : '\u2022 ') : '';
        blocks.push({ kind: 'paragraph', text: `${marker}${text}` });
      }
    }
  });
  return blocks;
}
