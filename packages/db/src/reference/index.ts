// The one loader for drug reference data. Real public files in the shared data directory (../shared/data beside
// the repository, see its README) win; without them the bundled STARTER LIST is used and says so in `origin`.
// Interactions are separate: the starter interactions always load, and the public interaction file, when present,
// adds its pairs to them (interaction-file.ts), whether or not the drug files are there.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findInteractionFile, mergeInteractions, readInteractionFile } from './interaction-file';
import { findPublicDrugFiles, loadPublicDrugFiles } from './public-files';
import { buildStarterDrugs, STARTER_CLASSES, STARTER_DESCRIPTION } from './starter-drugs';
import { buildStarterInteractions } from './starter-interactions';
import type { DrugInteractionRef, ReferenceData } from './types';

export * from './identifiers';
export { INTERACTION_FILE_NAME } from './interaction-file';
export { STARTER_INTERACTION_SOURCE } from './starter-interactions';
export type * from './types';
export { groupCode, orderedPair } from './types';
export { timeZoneForState, zipCentroid, zipsInState, zipsNear } from './zip';

/**
 * `<repo>/../shared/data`: where real public reference files land. A git worktree kept one level deeper
 * (`<dir>/wt/<name>`) finds the same directory one level further up.
 */
export const defaultSharedDataDir = findSharedDataDir(
  resolve(dirname(fileURLToPath(import.meta.url)), '../../../..'),
);

function findSharedDataDir(repo: string): string {
  const beside = resolve(repo, '../shared/data');
  const above = resolve(repo, '../../shared/data');
  return existsSync(beside) || !existsSync(above) ? beside : above;
}

export interface LoadReferenceOptions {
  /** Directory with public files; null forces the starter list (tests). Defaults to defaultSharedDataDir. */
  dataDir?: string | null;
}

const cache = new Map<string, ReferenceData>();

export function loadReferenceData(opts: LoadReferenceOptions = {}): ReferenceData {
  const dataDir = opts.dataDir === undefined ? defaultSharedDataDir : opts.dataDir;
  const files = dataDir ? findPublicDrugFiles(dataDir) : null;
  const interactionFile = dataDir ? findInteractionFile(dataDir) : null;
  const cacheKey = JSON.stringify([files ?? 'starter', interactionFile]);
  const cached = cache.get(cacheKey);
  if (cached) return cached;

  const interactions = loadInteractions(interactionFile);
  const interactionNote = interactionFile
    ? `interactions: starter list + ${interactionFile}`
    : 'interactions: starter list';
  let data: ReferenceData;
  if (files) {
    const loaded = loadPublicDrugFiles(files);
    data = {
      origin: {
        kind: 'files',
        description: `FDA NDC Directory + CMS NADAC from ${dataDir} (${interactionNote})`,
        files: [files.product, files.package, files.nadac, ...(interactionFile ? [interactionFile] : [])],
      },
      ...loaded,
      interactions,
    };
  } else {
    data = {
      origin: {
        kind: 'starter',
        description: `${STARTER_DESCRIPTION} (${interactionNote})`,
        files: interactionFile ? [interactionFile] : [],
      },
      classes: STARTER_CLASSES,
      ...buildStarterDrugs(),
      interactions,
    };
  }
  cache.set(cacheKey, data);
  return data;
}

/** The starter interactions, plus the public file's pairs when the file is there. */
function loadInteractions(interactionFile: string | null): DrugInteractionRef[] {
  const starter = buildStarterInteractions();
  return interactionFile ? mergeInteractions(starter, readInteractionFile(interactionFile)) : starter;
}
