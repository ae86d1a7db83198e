// The one loader for drug reference data. Real public files in the shared data directory (../shared/data beside
// the repository, see its README) win; without them the bundled STARTER LIST is used and says so in `origin`.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPublicDrugFiles, loadPublicDrugFiles } from './public-files';
import { buildStarterDrugs, STARTER_CLASSES, STARTER_DESCRIPTION } from './starter-drugs';
import { buildStarterInteractions } from './starter-interactions';
import type { ReferenceData } from './types';

export * from './identifiers';
export type * from './types';
export { groupCode, orderedPair } from './types';
export { timeZoneForState, zipCentroid, zipsInState, zipsNear } from './zip';

/** `<repo>/../shared/data`: where real public reference files land. */
export const defaultSharedDataDir = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../../../shared/data',
);

export interface LoadReferenceOptions {
  /** Directory with public files; null forces the starter list (tests). Defaults to defaultSharedDataDir. */
  dataDir?: string | null;
}

const cache = new Map<string, ReferenceData>();

export function loadReferenceData(opts: LoadReferenceOptions = {}): ReferenceData {
  const dataDir = opts.dataDir === undefined ? defaultSharedDataDir : opts.dataDir;
  const files = dataDir ? findPublicDrugFiles(dataDir) : null;
  const cacheKey = files ? JSON.stringify(files) : 'starter';
  const cached = cache.get(cacheKey);
  if (cached) return cached;

  let data: ReferenceData;
  if (files) {
    const loaded = loadPublicDrugFiles(files);
    data = {
      origin: {
        kind: 'files',
        description: `FDA NDC Directory + CMS NADAC from ${dataDir}${loaded.interactions ? '' : ' (interactions: starter list)'}`,
        files: [
          files.product,
          files.package,
          files.nadac,
          ...(files.interactions ? [files.interactions] : []),
        ],
      },
      classes: loaded.classes,
      groups: loaded.groups,
      products: loaded.products,
      prices: loaded.prices,
      interactions: loaded.interactions ?? buildStarterInteractions(),
    };
  } else {
    const starter = buildStarterDrugs();
    data = {
      origin: { kind: 'starter', description: STARTER_DESCRIPTION, files: [] },
      classes: STARTER_CLASSES,
      ...starter,
      interactions: buildStarterInteractions(),
    };
  }
  cache.set(cacheKey, data);
  return data;
}
