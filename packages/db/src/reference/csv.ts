// Minimal RFC 4180 reader (quoted fields, doubled quotes, CRLF) for the public reference files; also reads
// tab-delimited files such as the FDA NDC Directory.

/** Rows of a delimited text as objects keyed by the header row's names. */
export function parseDelimited(text: string, delimiter = ','): Record<string, string>[] {
  const rows = parseRows(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, delimiter, delimiter === ',');
  const header = rows.shift();
  if (!header) return [];
  return rows
    .filter((r) => r.length > 1 || (r[0] ?? '') !== '')
    .map((r) => Object.fromEntries(header.map((name, i) => [name.trim(), r[i] ?? ''])));
}

/** `quotes` off for tab-delimited files, whose fields are never quoted but may contain a stray `"`. */
export function parseRows(text: string, delimiter = ',', quotes = true): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (quotes && c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
