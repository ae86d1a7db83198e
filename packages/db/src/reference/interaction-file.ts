// The public drug-drug interaction file (../shared/data/drug-interactions.csv: VA NDF-RT and the ONC high-priority
// list, see that folder's README). It is read whenever it is present, whether or not the NDC Directory and NADAC
// files are there, and only ever ADDS pairs to the hand-written starter list: a pair both know keeps the starter's
// wording and severity, so the facts the starter list documents stay true with or without the file.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDelimited } from './csv';
import { type DrugInteractionRef, orderedPair } from './types';

export const INTERACTION_FILE_NAME = 'drug-interactions.csv';

/** The interaction file in `dataDir`, or null when it is not there. */
export function findInteractionFile(dataDir: string): string | null {
  const file = join(dataDir, INTERACTION_FILE_NAME);
  return existsSync(file) ? file : null;
}

const SEVERITIES = new Set(['major', 'moderate', 'minor']);

/** Rows of `ingredient_a,ingredient_b,severity,message,source`; unreadable rows are skipped, one row per pair. */
export function readInteractionFile(file: string): DrugInteractionRef[] {
  const byPair = new Map<string, DrugInteractionRef>();
  for (const row of parseDelimited(readFileSync(file, 'utf8'))) {
    const severity = row.severity?.trim().toLowerCase() as DrugInteractionRef['severity'];
    const a = row.ingredient_a?.trim().toLowerCase();
    const b = row.ingredient_b?.trim().toLowerCase();
    if (!a || !b || a === b || !SEVERITIES.has(severity)) continue;
    const [ingredientA, ingredientB] = orderedPair(a, b);
    byPair.set(`${ingredientA}|${ingredientB}`, {
      ingredientA,
      ingredientB,
      severity,
      message: row.message?.trim() || 'Drug-drug interaction',
      source: row.source?.trim() || INTERACTION_FILE_NAME,
    });
  }
  return [...byPair.values()];
}

/** The starter pairs, then the file's pairs the starter list does not have. */
export function mergeInteractions(
  starter: DrugInteractionRef[],
  fromFile: DrugInteractionRef[],
): DrugInteractionRef[] {
  const pairKey = (i: DrugInteractionRef) => orderedPair(i.ingredientA, i.ingredientB).join('|');
  const merged = new Map(starter.map((i) => [pairKey(i), i]));
  for (const interaction of fromFile) {
    const key = pairKey(interaction);
    if (!merged.has(key)) merged.set(key, interaction);
  }
  return [...merged.values()];
}
