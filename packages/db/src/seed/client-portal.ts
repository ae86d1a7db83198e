// Client portal demo rows: every client's known e-mail domain (the one its benefits contact writes from), and
// demo.client as the demo employer's primary administrator holding every secure tool for 12 months, so the
// portal and the account team's review page have something to show after `npm start`.
import { addDays } from '@openpbm/domain';
import {
  CLIENT_TOOLS,
  type clientAccessGrants,
  type clientEmailDomains,
  type clientPrimaryAdmins,
} from '../schema/client-portal';
import type { SeedClient } from './clients';
import { at } from './dates';
import type { UserRow } from './demo-users';
import { emailLocalPart } from './names';
import type { SeedIds } from './prng';

/** The domain seeded clients' contact e-mails use (clients.ts writes benefits@<this>). */
export const clientEmailDomain = (name: string) => `${emailLocalPart(name).replace(/\./g, '-')}.example.com`;

export function demoClientPortalRows(
  clients: readonly SeedClient[],
  demoClient: SeedClient,
  users: readonly UserRow[],
  asOf: string,
  ids: SeedIds,
) {
  const domains: (typeof clientEmailDomains.$inferInsert)[] = clients.map((c) => ({
    clientId: c.id,
    domain: clientEmailDomain(c.name),
  }));
  const admin = users.find((u) => u.username === 'demo.client');
  const advisor = users.find((u) => u.username === 'demo.advisor');
  const grantedAt = at(addDays(asOf, -30), '12:00');
  const expiresAt = at(addDays(asOf, 335), '12:00');
  const admins: (typeof clientPrimaryAdmins.$inferInsert)[] = admin?.id
    ? [{ clientId: demoClient.id, userId: admin.id, assignedAt: grantedAt }]
    : [];
  const grants: (typeof clientAccessGrants.$inferInsert)[] = [];
  if (admin?.id)
    for (const tool of CLIENT_TOOLS)
      grants.push({ id: ids.next(), userId: admin.id, clientId: demoClient.id, tool, grantedAt, expiresAt });
  if (advisor?.id)
    grants.push({
      id: ids.next(),
      userId: advisor.id,
      clientId: demoClient.id,
      tool: 'plan_reports',
      grantedAt,
      expiresAt,
    });
  return { domains, admins, grants };
}
