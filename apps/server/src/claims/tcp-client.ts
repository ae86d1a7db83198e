// A client for the claims TCP listener (tests, the benchmark, a pharmacy simulator): connects, answers the
// challenge with the pharmacy's shared secret, then sends D.0 transmissions one at a time.
import net from 'node:net';
import { FrameDecoder, frame } from './tcp-framing';
import { handshakeMac, PROTOCOL } from './tcp-listener';

/** The listener did not greet or did not accept this pharmacy's handshake (a client-side failure, not a problem). */
export class ClaimsTcpRefused extends Error {
  constructor(what: string) {
    super(`claims TCP: ${what}`);
    this.name = 'ClaimsTcpRefused';
  }
}

export interface ClaimsTcpClient {
  /** Sends one D.0 request and resolves with its D.0 response. */
  send(request: Uint8Array): Promise<Buffer>;
  close(): void;
}

export async function connectClaimsTcp(options: {
  host?: string;
  port: number;
  qualifier: '01' | '07';
  providerId: string;
  secret: string;
}): Promise<ClaimsTcpClient> {
  const socket = net.connect({ host: options.host ?? '127.0.0.1', port: options.port });
  socket.setNoDelay(true);
  const decoder = new FrameDecoder();
  const waiting: Array<{ resolve: (b: Buffer) => void; reject: (e: Error) => void }> = [];
  const early: Buffer[] = [];
  let closedError: Error | null = null;
  socket.on('data', (chunk: Buffer) => {
    for (const payload of decoder.push(chunk)) {
      const next = waiting.shift();
      if (next) next.resolve(Buffer.from(payload));
      else early.push(Buffer.from(payload));
    }
  });
  const failAll = (err: Error) => {
    closedError = err;
    for (const w of waiting.splice(0)) w.reject(err);
  };
  socket.on('error', failAll);
  socket.on('close', () => failAll(new Error('connection closed')));
  const next = (): Promise<Buffer> => {
    const ready = early.shift();
    if (ready) return Promise.resolve(ready);
    if (closedError) return Promise.reject(closedError);
    return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
  };

  const hello = (await next()).toString('latin1');
  const challenge = hello.startsWith(`${PROTOCOL} CHALLENGE `) ? hello.split(' ')[2] : undefined;
  if (!challenge) throw new ClaimsTcpRefused(`unexpected greeting: ${hello.slice(0, 40)}`);
  const mac = handshakeMac(options.secret, challenge, options.qualifier, options.providerId);
  socket.write(frame(`AUTH ${options.qualifier} ${options.providerId} ${mac}`));
  const answer = (await next()).toString('latin1');
  if (answer !== 'OK') {
    socket.destroy();
    throw new ClaimsTcpRefused(`authentication refused: ${answer}`);
  }
  return {
    send(request) {
      const response = next();
      socket.write(frame(request));
      return response;
    },
    close: () => socket.end(),
  };
}
