// Searchset Bundles with paging links (self, next, previous) that repeat the query and move `_offset`.
import type { Query } from './search-params';

export interface BundleEntry {
  resource: { resourceType: string; id?: string } & Record<string, unknown>;
  mode: 'match' | 'include';
}

function linkFor(base: string, path: string, query: Query, offset: number, count: number): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (name === '_offset' || name === '_count' || value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) params.append(name, v);
  }
  params.set('_count', String(count));
  if (offset > 0) params.set('_offset', String(offset));
  return `${base}${path}?${params.toString()}`;
}

export function searchset(options: {
  base: string;
  path: string;
  query: Query;
  total: number;
  offset: number;
  count: number;
  entries: BundleEntry[];
}) {
  const { base, path, query, total, offset, count, entries } = options;
  const link = [{ relation: 'self', url: linkFor(base, path, query, offset, count) }];
  if (count > 0 && offset + count < total) {
    link.push({ relation: 'next', url: linkFor(base, path, query, offset + count, count) });
  }
  if (offset > 0)
    link.push({ relation: 'previous', url: linkFor(base, path, query, Math.max(0, offset - count), count) });
  return {
    resourceType: 'Bundle' as const,
    type: 'searchset' as const,
    total,
    link,
    entry: entries.map((e) => ({
      fullUrl: `${base}/${e.resource.resourceType}/${e.resource.id}`,
      resource: e.resource,
      search: { mode: e.mode },
    })),
  };
}
