// The Atom 1.0 feed (RFC 4287) of the hub's public items: what anyone may read, so a feed reader needs no session.
import type { ContentRow } from './repo';

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const iso = (v: Date | string | null) => (v ? new Date(v).toISOString() : new Date(0).toISOString());

export function atomFeed(baseUrl: string, rows: readonly ContentRow[], now: Date): string {
  const hub = `${baseUrl}/clients/hub`;
  const latest = rows.reduce((max, r) => (iso(r.updated_at) > max ? iso(r.updated_at) : max), '');
  const updated = latest || iso(now);
  const entries = rows.map((r) => {
    const link = `${hub}/${r.slug}`;
    return `  <entry>
    <id>${escapeXml(link)}</id>
    <title>${escapeXml(r.title)}</title>
    <link rel="alternate" type="text/html" href="${escapeXml(link)}"/>
    <published>${iso(r.publish_at)}</published>
    <updated>${iso(r.updated_at)}</updated>
    <category term="${escapeXml(r.type)}"/>
${r.topics.map((t) => `    <category term="${escapeXml(t)}"/>`).join('\n')}
    <summary type="text">${escapeXml(r.summary)}</summary>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${escapeXml(hub)}</id>
  <title>OpenPBM client news and insights</title>
  <link rel="self" type="application/atom+xml" href="${escapeXml(`${baseUrl}/api/content/feed.atom`)}"/>
  <link rel="alternate" type="text/html" href="${escapeXml(hub)}"/>
  <updated>${updated}</updated>
  <author><name>OpenPBM account team</name></author>
${entries.join('\n')}
</feed>
`;
}
