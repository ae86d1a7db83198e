// /dev/mailbox: the embedded capture mailbox in the browser (development and test only, never production).
// /dev/mailbox.json gives the same list to scripts and browser journeys. The mails hold reset links and pick-up
// tokens, so only a browser on this machine (loopback) may read them: anyone else gets the same 404 as production.
import { isIP } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { notFound } from '../platform/problem';
import type { CapturedMail, CaptureMailbox } from './capture-mailbox';

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
  `<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;

/** Turns URLs in a plain-text mail into links, so a developer can click the pick-up or reset link. */
const linkify = (text: string) =>
  escapeHtml(text).replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);

function listItem(m: CapturedMail): string {
  return `<li><a href="/dev/mailbox/${m.id}">${escapeHtml(m.subject || '(no subject)')}</a> to ${escapeHtml(m.to.join(', '))} at ${escapeHtml(m.receivedAt)}</li>`;
}

/** 127.0.0.0/8, ::1 or an IPv4-mapped loopback; request.ip honours TRUST_PROXY, so a proxied stranger is not local. */
export function isLoopback(ip: string): boolean {
  const v4 = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  if (isIP(v4) === 4) return v4.startsWith('127.');
  return ip === '::1';
}

async function loopbackOnly(request: FastifyRequest): Promise<void> {
  if (!isLoopback(request.ip)) throw notFound();
}

export function registerMailboxRoutes(app: FastifyInstance, mailbox: CaptureMailbox): void {
  const hide = { hide: true };
  const local = { onRequest: loopbackOnly };
  app.get('/dev/mailbox.json', { schema: hide, ...local }, async () => ({ mails: mailbox.list() }));
  app.get('/dev/mailbox', { schema: hide, ...local }, async (_request, reply) => {
    const mails = mailbox.list();
    const body = mails.length
      ? `<ol>${mails.map(listItem).join('')}</ol>`
      : '<p>No mail yet. Mail the server sends in embedded mode lands here.</p>';
    return reply.type('text/html; charset=utf-8').send(page('Capture mailbox', body));
  });
  app.get(
    '/dev/mailbox/:id',
    { schema: { hide: true, params: z.object({ id: z.coerce.number().int().positive() }) }, ...local },
    async (request, reply) => {
      const mail = mailbox.get((request.params as { id: number }).id);
      if (!mail) throw notFound('No such mail.');
      const body =
        `<p>From ${escapeHtml(mail.from)} to ${escapeHtml(mail.to.join(', '))}, ${escapeHtml(mail.receivedAt)}</p>` +
        `<h2>${escapeHtml(mail.subject)}</h2><pre>${linkify(mail.text)}</pre><p><a href="/dev/mailbox">All mail</a></p>`;
      return reply.type('text/html; charset=utf-8').send(page(mail.subject || 'Mail', body));
    },
  );
}
