/**
 * Bytes <-> string with one character per byte (ISO-8859-1). Not TextDecoder('latin1'): per WHATWG that is
 * windows-1252 and would remap 0x80-0x9F, breaking byte-exact round trips and offsets.
 */

const CHUNK = 8192;

export function bytesToText(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    out += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return out;
}

/** Callers guarantee every char code is <= 0xFF (the builders validate values). */
export function textToBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** Index of the first FS/GS/RS in `text`, or -1. */
export function indexOfSeparator(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x1c && code <= 0x1e) return i;
  }
  return -1;
}

/** Index of the first character that is not a single byte (code > 0xFF), or -1. */
export function indexOfNonByte(text: string): number {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0xff) return i;
  }
  return -1;
}

/** Human-readable form for debugging and test failure output: separators shown as <FS>, <GS>, <RS>. */
export function visualize(message: Uint8Array | string): string {
  const textForm = typeof message === 'string' ? message : bytesToText(message);
  return textForm.split('\x1c').join('<FS>').split('\x1d').join('<GS>').split('\x1e').join('<RS>');
}
