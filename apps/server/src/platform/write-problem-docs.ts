// `npm run docs:problems`: rewrites the catalogue table in docs/problems.md from PROBLEM_TYPES (then `npm run
// format` pads its columns).
import { readFileSync, writeFileSync } from 'node:fs';
import { problemCatalogueMarkdown } from './problem-types';

const path = new URL('../../../../docs/problems.md', import.meta.url);
const doc = readFileSync(path, 'utf8');
const start = doc.indexOf('Every error is `application/problem+json`');
const end = doc.indexOf('\n\n', doc.lastIndexOf('\n| `'));
const next = `${doc.slice(0, start)}${problemCatalogueMarkdown()}${end === -1 ? '\n' : doc.slice(end)}`;
writeFileSync(path, next);
