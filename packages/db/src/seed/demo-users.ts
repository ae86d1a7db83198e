// Demo logins, one per role, linked to the demo family, its employer, advisor and prescriber, and the PBM's
// home-delivery pharmacy. Passwords are long random passphrases, hashed with argon2id once per process.
import { type Algorithm, hash } from '@node-rs/argon2';
import { addDays } from '@openpbm/domain';
import { encryptField, type FieldKey } from '../field-crypto';
import {
  normalizeUsername,
  type prescriberNpiVerifications,
  type Role,
  STAFF_ROLES,
  type totpFactors,
  type users,
} from '../schema/index';
import { at } from './dates';
import type { SeedFamily } from './families';
import { personName } from './names';
import type { Prng, SeedIds } from './prng';
import type { SeedWorld } from './world';

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
  { role: 'content_editor', username: 'demo.editor', password: 'lagoon-pewter-sparrow-cedar-5613', description: 'Help-center editor (writes and publishes help articles)' },
  { role: 'admin', username: 'demo.admin', password: 'sequoia-raven-mosaic-plume-7740', description: 'Administrator' },
];

/**
 * The authenticator-app key every demo staff login has enrolled, since staff must sign in with a second factor:
 * add it to any authenticator app (printed by `npm start`). Demo data only; a real account enrols its own.
 */
export const DEMO_STAFF_TOTP_SECRET = 'OPENPBMDEMOSTAFFAUTHENTICATORKEY';

/** A confirmed TOTP factor with the demo key for each demo staff user (encrypted like any enrolled secret). */
export function demoStaffTotpRows(
  rows: UserRow[],
  fieldKey: FieldKey,
  confirmedAt: Date,
  ids: SeedIds,
): (typeof totpFactors.$inferInsert)[] {
  return rows
    .filter((u) => STAFF_ROLES.has(u.role as Role))
    .map((u) => ({
      id: ids.next(),
      userId: u.id as string,
      secretEnc: encryptField(fieldKey, DEMO_STAFF_TOTP_SECRET, 'totp_factors.secret'),
      confirmedAt,
      createdAt: confirmedAt,
    }));
}

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

/**
 * One user per demo login: the members are the demo family's subscriber and its adult child, the other logins
 * point at the family's employer, advisor and prescriber and the home-delivery pharmacy; staff get made-up names.
 */
export function demoUserRows(
  world: SeedWorld,
  family: SeedFamily,
  passwordHashes: Map<string, string>,
  ids: SeedIds,
  prng: Prng,
): UserRow[] {
  const subscriber = family.members[0];
  const dependent = family.members.find((m) => m.relationship === '3' && m.age >= 18);
  const rows: UserRow[] = [];
  for (const login of DEMO_LOGINS) {
    const member =
      login.username === 'demo.member' ? subscriber : login.username === 'demo.dependent' ? dependent : null;
    // A member login without a member to link (a seed of one or two people) is left out rather than half made.
    if (login.role === 'member' && !member) continue;
    const staff = personName(prng, prng.chance(0.5) ? 'F' : 'M');
    const links: Partial<UserRow> = member
      ? {
          memberId: member.id,
          displayName: `${member.firstName} ${member.lastName}`,
          email: member.email ?? undefined,
        }
      : login.role === 'client_user'
        ? { clientId: world.demo.client.id }
        : login.role === 'advisor'
          ? { advisorId: world.demo.client.advisorIds[0] ?? world.advisorIds[0] }
          : login.role === 'prescriber'
            ? { prescriberId: world.demo.prescriber.id, displayName: `Dr. ${world.demo.prescriber.lastName}` }
            : login.role === 'pharmacy_staff'
              ? { pharmacyId: world.pharmacies.homeDelivery.id }
              : {};
    rows.push({
      id: ids.next(),
      username: login.username,
      usernameNormalized: normalizeUsername(login.username),
      role: login.role,
      status: 'active',
      passwordHash: passwordHashes.get(login.username) ?? null,
      // Verified the day before the as-of date, so the logins work without an e-mail round trip.
      emailVerifiedAt: at(addDays(world.families.asOf, -1), '12:00'),
      ...links,
      email: links.email ?? `${login.username}@example.org`,
      displayName: links.displayName ?? `${staff.firstName} ${staff.lastName}`,
    });
  }
  return rows;
}

/**
 * The demo prescriber's NPI, recorded as verified (as provider services would after an NPPES match), so
 * demo.prescriber can use the prescriber portal right after `npm start`. No user verified it: the seed did.
 */
export function demoPrescriberVerification(world: SeedWorld): typeof prescriberNpiVerifications.$inferInsert {
  return {
    prescriberId: world.demo.prescriber.id,
    npi: world.demo.prescriber.npi,
    method: 'registry_match',
    verifiedAt: at(addDays(world.families.asOf, -1), '12:00'),
    verifiedByUserId: null,
  };
}
