// Framing of the claims TCP protocol: every message is a 4-byte big-endian unsigned length N followed by N
// bytes. Shared by the listener and the client.
export const MAX_FRAME_BYTES = 65 * 1024;

export function frame(payload: Uint8Array | string): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'latin1') : Buffer.from(payload);
  if (body.length > MAX_FRAME_BYTES)
    throw new RangeError(`frame of ${body.length} bytes exceeds ${MAX_FRAME_BYTES}`);
  const out = Buffer.allocUnsafe(4 + body.length);
  out.writeUInt32BE(body.length, 0);
  body.copy(out, 4);
  return out;
}

export class FrameTooLarge extends Error {
  constructor(readonly length: number) {
    super(`frame of ${length} bytes exceeds ${MAX_FRAME_BYTES}`);
  }
}

/** Collects stream chunks and yields whole frames in order. */
export class FrameDecoder {
  private buffered: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Buffer[] {
    this.buffered = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : chunk;
    const frames: Buffer[] = [];
    while (this.buffered.length >= 4) {
      const length = this.buffered.readUInt32BE(0);
      if (length > MAX_FRAME_BYTES) throw new FrameTooLarge(length);
      if (this.buffered.length < 4 + length) break;
      frames.push(this.buffered.subarray(4, 4 + length));
      this.buffered = this.buffered.subarray(4 + length);
    }
    return frames;
  }
}
