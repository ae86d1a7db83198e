// Embedded Unicode fonts for PDFs: Noto Sans (Latin, Greek, Cyrillic) with Noto Sans Hans (Chinese) as the
// fallback, both SIL Open Font License 1.1, shipped by the npm packages @embedpdf/fonts-latin and
// @embedpdf/fonts-sc. pdfkit embeds only the glyphs a document uses (subsetting), so files stay small.
// pdfkit has no per-glyph fallback, so text is cut into runs, each in the first face that has its glyphs.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';

export type Weight = 'regular' | 'bold';
type Family = 'latin' | 'cjk';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => join(dirname(require.resolve(name)), '..');

const FILES: Record<Family, Record<Weight, string>> = {
  latin: {
    regular: join(packageDir('@embedpdf/fonts-latin'), 'fonts/NotoSans-Regular.ttf'),
    bold: join(packageDir('@embedpdf/fonts-latin'), 'fonts/NotoSans-Bold.ttf'),
  },
  cjk: {
    regular: join(packageDir('@embedpdf/fonts-sc'), 'fonts/NotoSansHans-Regular.otf'),
    bold: join(packageDir('@embedpdf/fonts-sc'), 'fonts/NotoSansHans-Bold.otf'),
  },
};

interface LoadedFace {
  name: string;
  data: Buffer;
  covers(codePoint: number): boolean;
}

let loaded: Record<Family, Record<Weight, LoadedFace>> | undefined;

/** Read once per process (the Chinese faces are 8 MB each); every document registers the same buffers. */
function faces(): Record<Family, Record<Weight, LoadedFace>> {
  if (!loaded) {
    const load = (family: Family, weight: Weight): LoadedFace => {
      const data = readFileSync(FILES[family][weight]);
      const font = fontkit.create(data);
      return { name: `${family}-${weight}`, data, covers: (cp) => font.hasGlyphForCodePoint(cp) };
    };
    loaded = {
      latin: { regular: load('latin', 'regular'), bold: load('latin', 'bold') },
      cjk: { regular: load('cjk', 'regular'), bold: load('cjk', 'bold') },
    };
  }
  return loaded;
}

interface FontRegistry {
  registerFont(name: string, src: Buffer): unknown;
}

/** Makes the faces known to one pdfkit document under the names `fontName` returns. */
export function registerFonts(doc: FontRegistry): void {
  for (const family of Object.values(faces())) {
    for (const face of Object.values(family)) doc.registerFont(face.name, face.data);
  }
}

export interface TextRun {
  font: string;
  text: string;
}

const FALLBACK_ORDER: Family[] = ['latin', 'cjk'];

/**
 * Cuts text into runs of one face each. White space stays in the run it follows; a character no face has
 * becomes "?" (rather than an empty box).
 */
export function textRuns(text: string, weight: Weight): TextRun[] {
  const all = faces();
  const runs: TextRun[] = [];
  for (const ch of text.normalize('NFC')) {
    const cp = ch.codePointAt(0) ?? 0;
    const whitespace = /\s/.test(ch);
    const family = FALLBACK_ORDER.find((f) => all[f][weight].covers(cp));
    const last = runs.at(-1);
    if (last && (whitespace || (family && last.font === all[family][weight].name))) {
      last.text += ch;
      continue;
    }
    const font = all[family ?? 'latin'][weight].name;
    if (last && last.font === font) last.text += family ? ch : '?';
    else runs.push({ font, text: family || whitespace ? ch : '?' });
  }
  return runs.length > 0 ? runs : [{ font: all.latin[weight].name, text: '' }];
}

/**
 * The one face for a string that cannot be split (table cells): the face that has most of its characters. A cell
 * mixing letters only one face has with letters only the other has shows the missing ones as empty boxes.
 */
export function singleFace(text: string, weight: Weight): string {
  const all = faces();
  const codePoints = [...text.normalize('NFC')].map((ch) => ch.codePointAt(0) ?? 0);
  const covered = (family: Family) => codePoints.filter((cp) => all[family][weight].covers(cp)).length;
  return covered('cjk') > covered('latin') ? all.cjk[weight].name : all.latin[weight].name;
}
