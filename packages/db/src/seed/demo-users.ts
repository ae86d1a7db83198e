// Demo logins, one per role, linked to the demo family, its employer, advisor and prescriber, and the PBM's
// home-delivery pharmacy. Passwords are long random passphrases, hashed with argon2id once per process.
import { type Algorithm, hash } from '@node-rs/argon2';
import { normalizeUsername, type Role, users } from '../schema/index';

export interface DemoLogin {
  role: Role;
  username: string;
  password: string;
  description: string;
}

// biome-ignore format: table
export const DEMO_LOGINS: readonly DemoLogin[] = [
  { role: 'member', username: 'demo.member', password: 'harbor-lantern-quilt-meadow-7421', description: 'Subscriber with spouse and two children, prescriptions, claims and home delivery' },
  { role: 'member', username: 'demo.dependent', password: 'violet-canyon-pebble-orbit-3958', description: "Adult dependent (20) in demo.member's family" },
  { role: 'client_user', username: 'demo.client', password: 'copper-thistle-ledger-brook-6183', description: "Benefits manager at the demo family's employer" },
  { role: 'advisor', username: 'demo.advisor', password: 'saffron-gable-tundra-ember-2746', description: "Benefits consultant for the demo family's employer" },
  { role: 'prescriber', username: 'demo.prescriber', password: 'marble-finch-solstice-grove-8537', description: "The demo family's family-medicine prescriber" },
  { role: 'pharmacy_staff', username: 'demo.pharmacy', password: 'juniper-kiln-harvest-beacon-1694', description: 'Pharmacist at the OpenPBM home-delivery pharmacy' },
  { role: 'clinical_reviewer', username: 'demo.reviewer', password: 'cobalt-prairie-lyric-anchor-5072', description: 'Clinical pharmacist reviewing prior authorizations' },
  { role: 'customer_service', username: 'demo.support', password: 'tamarind-fjord-velvet-signal-4319', description: 'Customer service representative' },
  { role: 'account_team', username: 'demo.account', password: 'granite-willow-cipher-dune-9865', description: 'Account manager for client employers' },
  { role: 'privacy_officer', username: 'demo.privacy', password: 'ember-quarry-nimbus-tulip-2208', description: 'Privacy officer (audit log, disclosures)' },
  { role: 'admin', username: 'demo.admin', password: 'sequoia-raven-mosaic-plume-7740', description: 'Administrator' },
];

/** argon2id, 19 MiB, 2 passes, 1 lane: the OWASP minimum the server also uses. */
export const DEMO_PASSWORD_HASH_OPTIONS = {
  algorithm: 2 as Algorithm,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

const hashes = new Map<string, Promise<string>>();

/** Each demo password is hashed once per process (hashing is deliberately slow); all in parallel. */
export function demoPasswordHashes(): Promise<Map<string, string>> {
  return Promise.all(
    DEMO_LOGINS.map(async (login) => {
      let pending = hashes.get(login.password);
      if (!pending) {
        pending = hash(login.password, DEMO_PASSWORD_HASH_OPTIONS);
        hashes.set(login.password, pending);
      }
      return [login.username, await pending] as const;
    }),
  ).then((entries) => new Map(entries));
}

export type UserRow = typeof users.$inferInsert;

/** Who each login is: the record its role is scoped to, and its display name. */
export interface DemoLinks {
  memberId: string;
  memberName: string;
  memberEmail: string;
  dependentId: string | null;
  dependentName: string;
  dependentEmail: string;
  clientId: string;
  advisorId: string;
  prescriberId: string;
  pharmacyId: string;
}

export function demoUserRows(
  links: DemoLinks,
  passwordHashes: Map<string, string>,
  newId: () => string,
  staffName: (login: DemoLogin) => string,
): UserRow[] {
  const rows: UserRow[] = [];
  for (const login of DEMO_LOGINS) {
    const link: Partial<UserRow> =
      login.username === 'demo.member'
        ? { memberId: links.memberId, displayName: links.memberName, email: links.memberEmail }
        : login.username === 'demo.dependent'
          ? links.dependentId
            ? { memberId: links.dependentId, displayName: links.dependentName, email: links.dependentEmail }
            : {}
          : login.role === 'client_user'
            ? { clientId: links.clientId }
            : login.role === 'advisor'
              ? { advisorId: links.advisorId }
              : login.role === 'prescriber'
                ? { prescriberId: links.prescriberId }
                : login.role === 'pharmacy_staff'
                  ? { pharmacyId: links.pharmacyId }
                  : {};
    // A member login without a member to link (a tiny seed) is left out rather than half made.
    if (login.role === 'member' && !link.memberId) continue;
    rows.push({
      id: newId(),
      username: login.username,
      usernameNormalized: normalizeUsername(login.username),
      email: `${login.username}@example.org`,
      displayName: staffName(login),
      ...link,
      passwordHash: passwordHashes.get(login.username) ?? null,
      status: 'active',
      role: login.role,
      emailVerifiedAt: new Date(),
    });
  }
  return rows;
}
