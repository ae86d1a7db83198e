// Signed-in users for the cluster's tests and drills: a user row and a full session issued the way sign-in
// issues one (the cluster's app secret), so scripts need no password or second factor typed in.
import { type DatabaseHandle, newId } from '@openpbm/db';
import { loadConfig } from '@openpbm/shared/config';
import { SESSION_COOKIE } from '../../apps/server/src/identity/cookies';
import { createSessionService } from '../../apps/server/src/identity/session-service';
import { appEnv, type ClusterState } from './cluster';
import { APP_NODES, type AppNode } from './layout';

export interface SignedIn {
  userId: string;
  cookie: string;
}

export async function signedInUser(
  db: DatabaseHandle,
  state: ClusterState,
  role: 'member' | 'pharmacy_staff',
  link: { memberId: string } | { pharmacyId: string },
): Promise<SignedIn> {
  const config = loadConfig(appEnv(state, APP_NODES[0] as AppNode));
  const userId = newId();
  const [column, value] =
    'memberId' in link ? ['member_id', link.memberId] : ['pharmacy_id', link.pharmacyId];
  await db.sql.query(
    `insert into users (id, username, username_normalized, email, role, display_name, ${column})
     values ($1, $2, $2, $3, $4, 'Cluster script', $5)`,
    [userId, `cluster-${userId}`, `cluster-${userId}@example.test`, role, value],
  );
  // Staff sessions count only with a second factor.
  const amr = role === 'member' ? ['password'] : ['password', 'totp'];
  const { token } = await createSessionService({ db, config, now: () => new Date() }).issue(
    userId,
    'full',
    amr,
    {
      ip: '127.0.0.1',
      userAgent: 'cluster-script',
    },
  );
  return { userId, cookie: `${SESSION_COOKIE}=${token}` };
}
