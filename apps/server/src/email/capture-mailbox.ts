// A real SMTP server on loopback that keeps what it receives in memory: the embedded-mode mailbox a developer
// opens at /dev/mailbox, and the SMTP server the tests deliver to. Mail reaches it over SMTP like any relay.
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** waitFor gave up: no mail that matched arrived in time. */
export class MailNotArrived extends Error {
  constructor(timeoutMs: number) {
    super(`no matching mail arrived in the capture mailbox within ${timeoutMs} ms`);
    this.name = 'MailNotArrived';
  }
}

export interface CapturedMail {
  id: number;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  receivedAt: string;
}

const KEEP = 500;

export class CaptureMailbox {
  private readonly mails: CapturedMail[] = [];
  private nextId = 1;
  private waiters: Array<() => void> = [];

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
  ) {}

  static async start(): Promise<CaptureMailbox> {
    let mailbox: CaptureMailbox | undefined;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      banner: 'OpenPBM capture mailbox',
      logger: false,
      size: 5 * 1024 * 1024,
      onData(stream, session, callback) {
        simpleParser(stream)
          .then((parsed) => {
            mailbox?.store({
              from: parsed.from?.text ?? session.envelope.mailFrom?.toString() ?? '',
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : null,
            });
            callback();
          })
          .catch((err: Error) => callback(err));
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const port = (server.server.address() as AddressInfo).port;
    mailbox = new CaptureMailbox(server, port);
    return mailbox;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  list(): CapturedMail[] {
    return [...this.mails].reverse();
  }

  get(id: number): CapturedMail | undefined {
    return this.mails.find((m) => m.id === id);
  }

  /** Mail sent to `address`, newest first. */
  to(address: string): CapturedMail[] {
    const wanted = address.toLowerCase();
    return this.list().filter((m) => m.to.some((t) => t.toLowerCase() === wanted));
  }

  /** Resolves with the first mail (oldest first) that matches, waiting for delivery up to `timeoutMs`. */
  async waitFor(match: (mail: CapturedMail) => boolean, timeoutMs = 10_000): Promise<CapturedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.mails.find(match);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new MailNotArrived(timeoutMs);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  clear(): void {
    this.mails.length = 0;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private store(mail: Omit<CapturedMail, 'id' | 'receivedAt'>): void {
    this.mails.push({ ...mail, id: this.nextId++, receivedAt: new Date().toISOString() });
    if (this.mails.length > KEEP) this.mails.shift();
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
