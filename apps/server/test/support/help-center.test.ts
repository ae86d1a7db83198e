// The help center: public full-text search with ranking and highlighted snippets (PGlite and PostgreSQL alike),
// every article linking to a portal page, and editors (the content_editor role) managing articles; other roles,
// admin included, cannot.
import { HELP_ARTICLES } from '@openpbm/db/seed/help-articles';
import { HELP_CATEGORIES } from '@openpbm/shared/support-codes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../harness';
import { createTestUser, csrfFor, signInAs } from '../sign-in';
import { type CustomerServiceWorld, type Headers, startCustomerServiceWorld } from './customer-service-world';

let w: CustomerServiceWorld;
let t: TestApp;
let editor: Headers;
let admin: Headers;

const search = (q: string, extra = '') =>
  t.app.inject({ method: 'GET', url: `/api/help/articles?q=${encodeURIComponent(q)}${extra}` });

beforeAll(async () => {
  w = await startCustomerServiceWorld();
  t = w.t;
  editor = (await signInAs(t, await createTestUser(t, 'content_editor'))).headers;
  admin = (await signInAs(t, await createTestUser(t, 'admin'))).headers;
});
afterAll(() => w?.close());

describe('help center search', () => {
  it('covers every topic the FAQ must, each answer linking to a portal page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/help/articles' });
    expect(res.statusCode).toBe(200);
    const categories = new Set(res.json().articles.map((a: { category: string }) => a.category));
    for (const c of HELP_CATEGORIES) expect(categories, c).toContain(c);
    for (const a of res.json().articles) expect(a.portalPath).toMatch(/^\/members\//);
  });

  it('ranks the article about the words first and highlights them (stemming: "refilling" finds "refill")', async () => {
    const res = await search('refilling prescription');
    expect(res.statusCode).toBe(200);
    const [first] = res.json().articles;
    expect(first.slug).toBe('refill-a-prescription');
    expect(first.rank).toBeGreaterThan(0);
    expect(first.snippet).toMatch(/\[\[[Rr]efill/);
    const ranks = res.json().articles.map((a: { rank: number }) => a.rank);
    expect([...ranks].sort((a, b) => b - a)).toEqual(ranks);
  });

  it('understands phrases and exclusions as people type them', async () => {
    const phrase = await search('"prior authorization"');
    expect(phrase.json().articles[0].slug).toBe('prior-authorization');
    const without = await search('refills -automatic');
    expect(without.json().articles.map((a: { slug: string }) => a.slug)).not.toContain('automatic-refills');
  });

  it('filters by category, finds nothing for unknown words, and ignores stop words alone', async () => {
    const appeal = await search('appeal', '&category=denials_appeals');
    expect(appeal.json().articles.map((a: { slug: string }) => a.slug)).toEqual(['denials-and-appeals']);
    expect((await search('xylophone')).json().articles).toEqual([]);
    expect((await search('the and of')).json().articles).toEqual([]);
  });

  it('answers bad input with problem+json on the field, never a 500', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/help/articles?category=nonsense` });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors[0].field).toBe('querystring.category');
    const odd = await search("') ; drop table help_articles; -- & | ! :*");
    expect(odd.statusCode).toBe(200);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/help/articles/no-such-article' })).statusCode,
    ).toBe(404);
  });
});

describe('editors', () => {
  const draft = {
    slug: 'vacation-supply',
    category: 'refills',
    title: 'Travelling? Ask for a vacation supply',
    body: 'Before a long trip you can ask for an early refill so your medicine lasts while you are away.',
    portalPath: '/members/refill',
    portalLabel: 'Refill prescriptions',
    published: false,
  };

  it('an editor writes, publishes and changes articles; search sees them once published', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/help/editor/articles',
      headers: editor,
      payload: draft,
    });
    expect(created.statusCode).toBe(201);
    expect((await search('vacation')).json().articles).toEqual([]);
    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/help/editor/articles',
      headers: editor,
      payload: draft,
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors).toEqual([expect.objectContaining({ field: 'slug' })]);
    const published = await t.app.inject({
      method: 'PUT',
      url: '/api/help/editor/articles/vacation-supply',
      headers: editor,
      payload: { ...draft, published: true },
    });
    expect(published.statusCode).toBe(200);
    expect((await search('vacation trip')).json().articles[0].slug).toBe('vacation-supply');
    const all = await t.app.inject({ method: 'GET', url: '/api/help/editor/articles', headers: editor });
    expect(all.json().articles).toHaveLength(HELP_ARTICLES.length + 1);
  });

  it('refuses a bad article with a message per field', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/help/editor/articles',
      headers: editor,
      payload: { ...draft, slug: 'Bad Slug', portalPath: 'https://evil.example', title: 'x' },
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['slug', 'portalPath', 'title']));
  });

  it('members, agents, administrators and signed-out visitors cannot edit or see drafts', async () => {
    for (const headers of [w.subscriber, w.agent, admin]) {
      for (const [method, url] of [
        ['POST', '/api/help/editor/articles'],
        ['PUT', '/api/help/editor/articles/vacation-supply'],
      ] as const) {
        const res = await t.app.inject({ method, url, headers, payload: { ...draft, title: 'Taken over' } });
        expect(res.statusCode).toBe(403);
      }
      const list = await t.app.inject({ method: 'GET', url: '/api/help/editor/articles', headers });
      expect(list.statusCode).toBe(403);
    }
    const signedOut = await t.app.inject({
      method: 'POST',
      url: '/api/help/editor/articles',
      headers: (await csrfFor(t)).headers,
      payload: draft,
    });
    expect(signedOut.statusCode).toBe(401);
  });
});
