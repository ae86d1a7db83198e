// The content hub: who reads what (public items in full to anyone; registered-only items as a teaser signed out,
// in full to a portal user or the account team, as a teaser to other roles), filters and full-text search,
// scheduling, the Atom feed of public items only, Markdown rendered without script, and the editor's role guard.
import { insertDemoContent } from '@openpbm/db/seed/content-hub';
import { SeedIds } from '@openpbm/db/seed/prng';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAdvisor, addClient, addClientUser } from '../clients/client-world';
import { createTestApp, type TestApp } from '../harness';
import { createTestUser, signInAs } from '../sign-in';

let t: TestApp;
const now = new Date('2026-03-02T15:00:00Z');
let clientUser: Record<string, string>;
let advisor: Record<string, string>;
let account: Record<string, string>;
let staff: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp({ now });
  await insertDemoContent(t.db.sql, new SeedIds(7, now.getTime()), '2026-03-02');
  const client = await addClient(t, 'Hub Foods');
  clientUser = (await addClientUser(t, client.id)).headers;
  advisor = (await addAdvisor(t, [])).headers;
  account = (await signInAs(t, await createTestUser(t, 'account_team'))).headers;
  staff = (await signInAs(t, await createTestUser(t, 'clinical_reviewer'))).headers;
});
afterAll(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers });
const send = (method: 'POST' | 'PUT', url: string, headers: Record<string, string>, payload: unknown) =>
  t.app.inject({ method, url, headers, payload: payload as object });

describe('reading the hub', () => {
  it('lists live items to anyone, without drafts, scheduled items or bodies', async () => {
    const res = await get('/api/content');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<Record<string, unknown>>;
    const slugs = items.map((i) => i.slug);
    expect(slugs).toContain('specialty-pipeline-briefing'); // registered-only: listed as a teaser
    expect(slugs).not.toContain('draft-open-enrolment-checklist');
    expect(slugs).not.toContain('flyer-generics'); // goes live in 5 days
    expect(items.every((i) => !('body' in i) && !('bodyHtml' in i))).toBe(true);
    expect(new Set(items.map((i) => i.type))).toEqual(
      new Set(['news', 'webinar', 'publication', 'trend_strategy', 'marketing_tool']),
    );
  });

  it('a registered-only item: teaser signed out, full to a client user, advisor and account team', async () => {
    const url = '/api/content/items/specialty-pipeline-briefing';
    const anon = await get(url);
    expect(anon.statusCode).toBe(200);
    expect(anon.json()).toMatchObject({ locked: true, bodyHtml: null });
    expect(anon.json().summary).toMatch(/specialty approvals/);
    expect(anon.headers['cache-control']).toContain('no-store');
    for (const headers of [clientUser, advisor, account]) {
      const res = await get(url, headers);
      expect(res.json().locked).toBe(false);
      expect(res.json().bodyHtml).toContain('<h2>The short list</h2>');
    }
    // A signed-in user who is not a portal registrant (a clinical reviewer) still gets the teaser only.
    expect((await get(url, staff)).json().locked).toBe(true);
  });

  it('a public item is read in full signed out; drafts and scheduled items are 404 to readers', async () => {
    const pub = await get('/api/content/items/biosimilar-adalimumab-preferred');
    expect(pub.json()).toMatchObject({ locked: false, visibility: 'public' });
    expect(pub.json().bodyHtml).toContain('<strong>preferred</strong>');
    expect((await get('/api/content/items/draft-open-enrolment-checklist', account)).statusCode).toBe(404);
    expect((await get('/api/content/items/flyer-generics', clientUser)).statusCode).toBe(404);
    expect((await get('/api/content/items/no-such-thing')).statusCode).toBe(404);
  });

  it('filters by type, topic, webinar time and words (full-text search)', async () => {
    const webinars = (await get('/api/content?type=webinar&when=upcoming')).json().items;
    expect(webinars.map((w: { slug: string }) => w.slug)).toEqual([
      'webinar-managing-glp1-spend',
      'webinar-compliance-calendar',
    ]);
    const past = (await get('/api/content?type=webinar&when=past')).json().items;
    expect(past.map((w: { slug: string }) => w.slug)).toEqual(['webinar-specialty-site-of-care']);
    const specialty = (await get('/api/content?topic=specialty')).json().items;
    expect(specialty.every((i: { topics: string[] }) => i.topics.includes('specialty'))).toBe(true);
    const search = (await get('/api/content?q=biosimilars')).json().items;
    expect(search[0].slug).toBe('biosimilar-adalimumab-preferred');
    const bad = await get('/api/content?topic=astrology');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toMatch(/topic$/);
  });

  it('shows a past webinar’s recording only to who may read it', async () => {
    const url = '/api/content/items/webinar-specialty-site-of-care';
    expect((await get(url)).json().recordingUrl).toBeNull();
    expect((await get(url, advisor)).json().recordingUrl).toMatch(/^https:\/\//);
  });

  it('the Atom feed carries public items only', async () => {
    const res = await get('/api/content/feed.atom');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/atom+xml');
    expect(res.body).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(res.body).toContain('Adalimumab biosimilars move to the preferred tier');
    expect(res.body).not.toContain('Specialty pipeline briefing');
    expect(res.body).not.toContain('Open enrolment checklist');
  });
});

describe('the editor', () => {
  const item = {
    slug: 'test-item',
    type: 'news',
    title: 'A test item',
    summary: 'A teaser for the test item.',
    body: 'Hello <script>alert(1)</script> [x](javascript:alert(1)) **bold**',
    visibility: 'registered',
    topics: ['formulary'],
  };

  it('is the account team’s only: 401 signed out, 403 for a client user', async () => {
    expect((await get('/api/content/editor/items')).statusCode).toBe(401);
    expect((await get('/api/content/editor/items', clientUser)).statusCode).toBe(403);
    expect((await send('POST', '/api/content/editor/items', advisor, item)).statusCode).toBe(403);
  });

  it('creates a draft, publishes it, renders Markdown without script, unpublishes it', async () => {
    const created = await send('POST', '/api/content/editor/items', account, item);
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    expect(created.json().status).toBe('draft');
    expect((await get('/api/content/items/test-item', clientUser)).statusCode).toBe(404);

    const dup = await send('POST', '/api/content/editor/items', account, item);
    expect(dup.statusCode).toBe(400);
    expect(dup.json().errors[0].field).toBe('slug');

    const published = await send('POST', `/api/content/editor/items/${id}/publish`, account, {});
    expect(published.json().status).toBe('published');
    const read = (await get('/api/content/items/test-item', clientUser)).json();
    expect(read.bodyHtml).toContain('<strong>bold</strong>');
    expect(read.bodyHtml).not.toContain('<script');
    expect(read.bodyHtml).not.toContain('href="javascript:');

    const moved = await send('PUT', `/api/content/editor/items/${id}`, account, { ...item, slug: 'moved' });
    expect(moved.statusCode).toBe(409);
    await send('POST', `/api/content/editor/items/${id}/unpublish`, account, {});
    expect((await get('/api/content/items/test-item', clientUser)).statusCode).toBe(404);
  });

  it('schedules: an item published for a later time is live only from then', async () => {
    const created = await send('POST', '/api/content/editor/items', account, { ...item, slug: 'later' });
    const id = created.json().id as string;
    await send('POST', `/api/content/editor/items/${id}/publish`, account, {
      publishAt: '2026-03-05T09:00:00Z',
    });
    expect((await get('/api/content/items/later', advisor)).statusCode).toBe(404);
    t.setNow(new Date('2026-03-05T09:00:01Z'));
    expect((await get('/api/content/items/later', advisor)).statusCode).toBe(200);
    t.setNow(now);
  });

  it('answers field errors for bad input', async () => {
    const res = await send('POST', '/api/content/editor/items', account, {
      ...item,
      slug: 'Bad Slug',
      recordingUrl: 'http://insecure',
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['slug', 'recordingUrl']));
  });

  it('previews Markdown', async () => {
    const res = await send('POST', '/api/content/editor/preview', account, { body: '# Hi' });
    expect(res.json().html).toContain('<h1>Hi</h1>');
  });
});
