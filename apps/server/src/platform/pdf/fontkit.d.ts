// fontkit (pdfkit's font engine) ships no types; this is the one call the PDF code makes to it.
declare module 'fontkit' {
  export interface Font {
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function create(buffer: Buffer): Font;
}
