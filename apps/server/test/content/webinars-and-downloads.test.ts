// Webinars: a portal user registers for an upcoming webinar (again changes nothing, the page then says so), a past
// one refuses registration and shows its recording, and anyone downloads the calendar file (RFC 5545, UTC). The
// hub's PDFs: a publication (registered-only ones for portal users only) and a marketing flyer with the name of a
// client the caller acts for (404 for any other client).
import { insertDemoContent } from '@openpbm/db/seed/content-hub';
import { SeedIds } from '@openpbm/db/seed/prng';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAdvisor, addClient, addClientUser } from '../clients/client-world';
import { createTestApp, type TestApp } from '../harness';
import { parsePdf } from '../platform/pdf-text';

let t: TestApp;
const now = new Date('2026-03-02T15:00:00Z');
let clientUser: Record<string, string>;
let advisor: Record<string, string>;
let client: { id: string; name: string; code: string };
let otherClient: { id: string };

beforeAll(async () => {
  t = await createTestApp({ now });
  await insertDemoContent(t.db.sql, new SeedIds(7, now.getTime()), '2026-03-02');
  client = await addClient(t, 'Lakeside Tile Works');
  otherClient = await addClient(t, 'Elsewhere Bakeries');
  clientUser = (await addClientUser(t, client.id)).headers;
  advisor = (await addAdvisor(t, [client.id])).headers;
});
afterAll(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers });
const register = (slug: string, headers: Record<string, string>) =>
  t.app.inject({ method: 'POST', url: `/api/content/webinars/${slug}/registration`, headers });

describe('webinars', () => {
  it('registers a portal user once; the item then reads as registered', async () => {
    const slug = 'webinar-managing-glp1-spend';
    expect((await get(`/api/content/items/${slug}`, clientUser)).json().registered).toBe(false);
    const first = await register(slug, clientUser);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ registered: true });
    expect((await register(slug, clientUser)).statusCode).toBe(200);
    const { rows } = await t.db.sql.query<{ n: string }>(
      `select count(*) as n from webinar_registrations r join content_items c on c.id = r.content_item_id
        where c.slug = $1`,
      [slug],
    );
    expect(Number(rows[0]?.n)).toBe(1);
    expect((await get(`/api/content/items/${slug}`, clientUser)).json().registered).toBe(true);
    expect((await get(`/api/content/items/${slug}`, advisor)).json().registered).toBe(false);
    expect((await get(`/api/content/items/${slug}`)).json().registered).toBe(false);
  });

  it('a past webinar refuses registration (409) and shows its recording; signed out is 401', async () => {
    const past = 'webinar-specialty-site-of-care';
    const res = await register(past, advisor);
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect((await get(`/api/content/items/${past}`, advisor)).json().recordingUrl).toMatch(/^https:\/\//);
    expect((await register('webinar-managing-glp1-spend', {})).statusCode).toBe(401);
    expect((await register('no-such-webinar', advisor)).statusCode).toBe(404);
    expect((await register('guide-to-plan-reports', advisor)).statusCode).toBe(404); // not a webinar
  });

  it('lists upcoming webinars soonest first and past ones apart', async () => {
    const upcoming = (await get('/api/content?type=webinar&when=upcoming')).json().items;
    expect(upcoming.map((i: { slug: string }) => i.slug)).toEqual([
      'webinar-managing-glp1-spend',
      'webinar-compliance-calendar',
    ]);
    const past = (await get('/api/content?type=webinar&when=past')).json().items;
    expect(past.map((i: { slug: string }) => i.slug)).toEqual(['webinar-specialty-site-of-care']);
  });

  it('serves an RFC 5545 calendar file with UID, DTSTAMP and UTC times', async () => {
    const res = await get('/api/content/webinars/webinar-managing-glp1-spend/calendar.ics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="webinar-managing-glp1-spend.ics"');
    const lines = res.body.split('\r\n');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(res.body.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(lines).toContain('VERSION:2.0');
    expect(res.body).toMatch(/\r\nUID:webinar-[0-9a-f-]{36}@openpbm\r\n/);
    expect(lines).toContain('DTSTAMP:20260302T150000Z');
    const start = lines.find((l) => l.startsWith('DTSTART:'));
    expect(start).toMatch(/^DTSTART:\d{8}T\d{6}Z$/);
    expect(lines.find((l) => l.startsWith('DTEND:'))).toMatch(/^DTEND:\d{8}T\d{6}Z$/);
    // Folded at 75 octets; TEXT values escape commas.
    expect(lines.every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(res.body.replace(/\r\n /g, '')).toContain(
      'SUMMARY:Webinar: managing GLP-1 spend without cutting access',
    );
    expect((await get('/api/content/webinars/guide-to-plan-reports/calendar.ics')).statusCode).toBe(404);
  });
});

describe('PDF downloads', () => {
  it('a public publication as a tagged PDF; a registered-only one for portal users only', async () => {
    const res = await get('/api/content/publications/guide-to-plan-reports/document.pdf');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('attachment; filename="guide-to-plan-reports.pdf"');
    const pdf = await parsePdf(res.rawPayload);
    expect(pdf.tagged).toBe(true);
    expect(pdf.text).toContain('reading plan reports');
    const locked = '/api/content/publications/drug-trend-report/document.pdf';
    expect((await get(locked)).statusCode).toBe(404);
    expect((await get(locked, advisor)).statusCode).toBe(200);
  });

  it('a marketing flyer with the client’s name merged in, only for a client the caller acts for', async () => {
    const clients = (await get('/api/content/flyer-clients', advisor)).json().clients;
    expect(clients).toEqual([{ id: client.id, code: client.code, name: client.name }]);
    const url = (clientId: string) =>
      `/api/content/marketing/flyer-home-delivery/flyer.pdf?clientId=${clientId}`;
    for (const headers of [clientUser, advisor]) {
      const res = await get(url(client.id), headers);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="flyer-home-delivery-${client.code}.pdf"`,
      );
      expect((await parsePdf(res.rawPayload)).text).toContain('Lakeside Tile Works');
    }
    expect((await get(url(otherClient.id), clientUser)).statusCode).toBe(404);
    expect((await get(url(otherClient.id), advisor)).statusCode).toBe(404);
    expect((await get(url('not-a-uuid'), advisor)).statusCode).toBe(400);
    expect((await get(url(client.id))).statusCode).toBe(401);
    // Not live yet (scheduled in 5 days).
    expect(
      (await get(`/api/content/marketing/flyer-generics/flyer.pdf?clientId=${client.id}`, advisor))
        .statusCode,
    ).toBe(404);
  });
});
