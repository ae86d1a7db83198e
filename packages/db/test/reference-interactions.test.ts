// The interaction file is loaded whenever it is present, without the NDC/NADAC files, and only adds pairs to the
// starter list: every starter pair survives with its own wording, severity and source.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultSharedDataDir, loadReferenceData, STARTER_INTERACTION_SOURCE } from '../src/reference/index';
import { mergeInteractions, readInteractionFile } from '../src/reference/interaction-file';
import { buildStarterInteractions } from '../src/reference/starter-interactions';

const pairs = (list: { ingredientA: string; ingredientB: string }[]) =>
  new Set(list.map((i) => `${i.ingredientA}|${i.ingredientB}`));
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function dirWith(csv: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'openpbm-ref-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'drug-interactions.csv'), csv);
  return dir;
}

describe('interaction file', () => {
  const starter = buildStarterInteractions();

  it('with no data directory, the starter list alone, marked as such', () => {
    const data = loadReferenceData({ dataDir: null });
    expect(data.interactions).toEqual(starter);
    expect(data.origin.description).toContain('interactions: starter list)');
    expect(data.interactions.every((i) => i.source === STARTER_INTERACTION_SOURCE)).toBe(true);
  });

  it('is read without the NDC Directory or NADAC files; the drug list stays the starter list', () => {
    const dir = dirWith(
      'ingredient_a,ingredient_b,severity,message,source\n' +
        'quinine,abarelix,moderate,VA NDF-RT drug interaction (Significant): ABARELIX/QUININE,NDF-RT 2014-07\n' +
        // A file row contradicting a starter pair (warfarin + ibuprofen is major in the starter list).
        'warfarin,ibuprofen,minor,some other wording,NDF-RT 2014-07\n' +
        'bad,row,severe,unknown severity,x\n',
    );
    const data = loadReferenceData({ dataDir: dir });
    expect(data.origin.kind).toBe('starter');
    expect(data.origin.files).toEqual([join(dir, 'drug-interactions.csv')]);
    expect(data.origin.description).toContain(`starter list + ${join(dir, 'drug-interactions.csv')}`);
    expect(data.interactions).toHaveLength(starter.length + 1);
    expect(data.interactions).toContainEqual({
      ingredientA: 'abarelix',
      ingredientB: 'quinine',
      severity: 'moderate',
      message: 'VA NDF-RT drug interaction (Significant): ABARELIX/QUININE',
      source: 'NDF-RT 2014-07',
    });
    const warfarin = data.interactions.find(
      (i) => i.ingredientA === 'ibuprofen' && i.ingredientB === 'warfarin',
    );
    expect(warfarin).toMatchObject({ severity: 'major', source: STARTER_INTERACTION_SOURCE });
  });

  it('merging never drops or rewrites a starter pair, whatever the file says', () => {
    const rewritten = starter.map((i) => ({
      ...i,
      severity: 'minor' as const,
      message: 'x',
      source: 'file',
    }));
    expect(mergeInteractions(starter, rewritten)).toEqual(starter);
  });

  it.skipIf(!existsSync(join(defaultSharedDataDir, 'drug-interactions.csv')))(
    'the shared file adds its 3,538 pairs to the starter list',
    () => {
      const file = readInteractionFile(join(defaultSharedDataDir, 'drug-interactions.csv'));
      expect(file.length).toBe(3_538);
      const data = loadReferenceData();
      const merged = pairs(data.interactions);
      for (const p of pairs(starter)) expect(merged.has(p)).toBe(true);
      for (const p of pairs(file)) expect(merged.has(p)).toBe(true);
      const overlap = [...pairs(file)].filter((p) => pairs(starter).has(p)).length;
      expect(data.interactions.length).toBe(starter.length + file.length - overlap);
      const sources = new Set(data.interactions.map((i) => i.source.split(' ')[0]));
      expect(sources).toEqual(new Set(['starter', 'NDF-RT', 'ONC']));
    },
  );
});
