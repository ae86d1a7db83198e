// The problem-type catalogue (platform/problem-types.ts) is the one list of error slugs: the server uses only
// its slugs with their catalogued status, and docs/problems.md shows exactly it. ProblemError's slug parameter
// is typed by the catalogue, so tsc already refuses an unknown slug; this test catches a wrong status and a
// stale document.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROBLEM_TYPES, problemCatalogueMarkdown } from '../../src/platform/problem-types';

const ROOT = join(import.meta.dirname, '../../../..');
const SRC = join(ROOT, 'apps/server/src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('problem type catalogue', () => {
  it('docs/problems.md is the catalogue as the server has it (regenerate it from problemCatalogueMarkdown)', () => {
    // Compared cell by cell: Biome pads the Markdown table's columns when it formats docs/.
    const cells = (markdown: string) =>
      markdown
        .split('\n')
        .filter((line) => line.startsWith('| `'))
        .map((line) => line.split('|').map((cell) => cell.trim()));
    const doc = readFileSync(join(ROOT, 'docs/problems.md'), 'utf8');
    expect(cells(doc)).toEqual(cells(problemCatalogueMarkdown()));
  });

  it('every `new ProblemError(status, slug` in the server uses the catalogued status', () => {
    const wrong: string[] = [];
    for (const path of sources(SRC)) {
      const text = readFileSync(path, 'utf8');
      for (const m of text.matchAll(/new ProblemError\(\s*(\d{3}),\s*'([a-z-]+)'/g)) {
        const [, status, slug] = m as unknown as [string, string, keyof typeof PROBLEM_TYPES];
        if (PROBLEM_TYPES[slug]?.status !== Number(status)) wrong.push(`${path}: ${status} ${slug}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('gives each slug one sentence and a status', () => {
    for (const [slug, info] of Object.entries(PROBLEM_TYPES)) {
      expect(slug).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(info.meaning).toMatch(/\.$/);
      expect(info.status).toBeGreaterThanOrEqual(400);
    }
  });
});
