// A small Markdown subset for privacy notices, rendered as React elements (never as HTML, so a notice cannot
// inject markup): # headings (shifted below the page's h1), paragraphs, "- " bullet lists and **bold**.
import type { ReactNode } from 'react';

function inline(text: string): ReactNode[] {
  return text.split(/(\*\*[^*]+\*\*)/g).map((part, i) =>
    part.startsWith('**') && part.endsWith('**') ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: parts of one fixed string
      <strong key={i}>{part.slice(2, -2)}</strong>
    ) : (
      part
    ),
  );
}

export function Markdown({ source }: { source: string }) {
  const blocks = source.replace(/\r\n/g, '\n').split(/\n{2,}/);
  return (
    <div className="markdown">
      {blocks.map((block, i) => {
        const key = `${i}-${block.slice(0, 12)}`;
        const heading = /^(#{1,4})\s+(.*)$/.exec(block.trim());
        if (heading) {
          const level = Math.min(6, (heading[1] ?? '#').length + 1);
          const Tag = `h${level}` as 'h2';
          return (
            <Tag key={key} className={level === 2 ? 'ds-text-heading--2xl' : 'ds-text-heading--xl'}>
              {inline(heading[2] ?? '')}
            </Tag>
          );
        }
        const lines = block.trim().split('\n');
        if (lines.every((l) => /^[-*]\s+/.test(l))) {
          return (
            <ul key={key}>
              {lines.map((l, j) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: list items of one fixed block
                <li key={j}>{inline(l.replace(/^[-*]\s+/, ''))}</li>
              ))}
            </ul>
          );
        }
        return <p key={key}>{inline(lines.join(' '))}</p>;
      })}
    </div>
  );
}
