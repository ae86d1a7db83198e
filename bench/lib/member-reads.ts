// The member portal's reads, as the web app sends them: the POST searches (with a body that may use an id an
// earlier answer named) and how to find the ids the GET detail routes need. Used by the scale benchmark and by
// the plan check (apps/server/test/platform/query-plans.test.ts).

export type Answers = Map<string, unknown>;

export interface MemberSearch {
  name: string;
  url: string;
  payload(answers: Answers): object;
  /** The answer also lists the ids of this URL's `/:id` children (e.g. prescriptions). */
  listsFor?: string;
}

export const MEMBER_SEARCHES: MemberSearch[] = [
  {
    name: 'prescriptions',
    url: '/api/prescriptions/search',
    payload: () => ({}),
    listsFor: '/api/prescriptions',
  },
  {
    name: 'coverage search',
    url: '/api/benefits/formulary/search',
    payload: () => ({ query: 'atorvastatin' }),
    listsFor: '/api/benefits/formulary',
  },
  {
    name: 'price check',
    url: '/api/benefits/price-check',
    payload: (answers) => ({
      drugGroupId: firstId(answers.get('/api/benefits/formulary'), 'drugGroupId'),
      quantity: 30,
      daysSupply: 30,
    }),
  },
  {
    name: 'locator',
    url: '/api/pharmacy-locator/search',
    payload: () => ({ nearHome: true, radiusMiles: 25 }),
  },
];

/** The first `key` (e.g. memberId), else `id`, of the first list of objects in a JSON answer that has one. */
export function firstId(json: unknown, key = 'id'): string | undefined {
  if (Array.isArray(json)) {
    for (const k of [key, 'id']) {
      const found = json.find((x) => x && typeof x === 'object' && typeof x[k] === 'string');
      if (found) return found[k] as string;
    }
  }
  if (json && typeof json === 'object') {
    for (const value of Object.values(json)) {
      const id = typeof value === 'object' ? firstId(value, key) : undefined;
      if (id) return id;
    }
  }
  return undefined;
}

/**
 * Fills each `:param` of a route with the first id the URL before it lists (fetching that list with `get` when
 * not in `answers` yet). Returns the URL, or an explanation of which param found no value.
 */
export async function resolveRoute(
  route: string,
  answers: Answers,
  get: (url: string) => Promise<void>,
): Promise<{ url: string } | { missing: string }> {
  let url = '';
  for (const segment of route.split('/').slice(1)) {
    if (!segment.startsWith(':')) {
      url += `/${segment}`;
      continue;
    }
    if (!answers.has(url)) await get(url);
    const id = firstId(answers.get(url), segment.slice(1));
    if (!id) return { missing: `nothing at ${url} names a ${segment}` };
    url += `/${id}`;
  }
  return { url };
}
