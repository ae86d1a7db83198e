import { Fragment } from 'react';

/** Text with the server's [[match]] markers shown as <mark> (no HTML from the server is ever rendered). */
export function Highlighted({ text }: { text: string }) {
  // Each part keeps its offset in the text as its key: unique, and stable for the same text.
  let offset = 0;
  const parts = text.split(/(\[\[[^\]]*\]\])/g).map((part) => {
    const at = offset;
    offset += part.length;
    return { part, at };
  });
  return (
    <>
      {parts.map(({ part, at }) =>
        part.startsWith('[[') && part.endsWith(']]') ? (
          <mark key={at}>{part.slice(2, -2)}</mark>
        ) : (
          <Fragment key={at}>{part}</Fragment>
        ),
      )}
    </>
  );
}
