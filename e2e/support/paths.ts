import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Screenshots and other artefacts of browser runs (git-ignored). */
export function resultsDir(): string {
  const dir = `${repoRoot}test-results`;
  mkdirSync(dir, { recursive: true });
  return dir;
}
