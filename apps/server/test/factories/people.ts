// People and places: members (with one eligibility span), pharmacies (in a plan's network or not), pharmacy
// staff users and prescribers. Every row gets unique identifiers.
import type { Database } from '@openpbm/db';
import { newId, schema } from '@openpbm/db';
import {
  activationIndex,
  encryptField,
  FIELD_CONTEXTS,
  type FieldKey,
  memberNumberIndex,
} from '@openpbm/db/field-crypto';
import { normalizeUsername } from '@openpbm/db/schema/users';
import { eq } from 'drizzle-orm';
import { aClient, type ClientRef, type PlanRef } from './plans';
import { nextN, one, uniqueDigits } from './unique';

/** The day `age` is counted on: the date of service most tests use. */
export const AGE_AS_OF = '2026-03-10';

export interface MemberRef {
  id: string;
  subscriberId: string;
  memberNumber: string;
  personCode: string;
  dateOfBirth: string;
  lastName: string;
  zip: string;
  clientId: string;
  plan: PlanRef;
}

export interface MemberOverrides {
  /** Covered by this plan (default: the client's plan, or a new plan). */
  plan?: PlanRef;
  /** The sponsor (default: a new client on `plan`). */
  client?: ClientRef;
  /** Whole years on AGE_AS_OF (default 40). */
  age?: number;
  dateOfBirth?: string;
  /** A dependent of this subscriber (same client and plan, person code 002 unless given). */
  subscriber?: MemberRef;
  /** 1 subscriber, 2 spouse (the default for a dependent), 3 child. */
  relationshipCode?: '1' | '2' | '3';
  personCode?: string;
  coverageLevel?: 'individual' | 'family';
  startDate?: string;
  endDate?: string | null;
  status?: 'active' | 'expired' | 'terminated';
  timeZone?: string;
  firstName?: string;
}

export interface PharmacyRef {
  id: string;
  npi: string;
  ncpdpId: string;
}

export async function aMember(db: Database, key: FieldKey, o: MemberOverrides = {}): Promise<MemberRef> {
  const client = o.client ?? (o.subscriber ? undefined : await aClient(db, o.plan ? { plan: o.plan } : {}));
  const clientId = o.subscriber?.clientId ?? (client as ClientRef).id;
  const plan = o.plan ?? o.subscriber?.plan ?? (client as ClientRef).plan;
  const groupId = client?.groupId ?? (await groupOf(db, clientId));
  const n = nextN();
  const memberNumber = `FAC${String(n).padStart(9, '0')}`;
  const birthYear = Number(AGE_AS_OF.slice(0, 4)) - (o.age ?? 40);
  const dateOfBirth = o.dateOfBirth ?? `${birthYear}-01-${String(1 + (n % 28)).padStart(2, '0')}`;
  const lastName = `Factory${n}`;
  const zip = '62701';
  const id = newId();
  const subscriberId = o.subscriber?.id ?? id;
  const personCode = o.personCode ?? (o.subscriber ? '002' : '001');
  await insertMember(
    db,
    key,
    {
      id,
      subscriberId,
      clientId,
      relationshipCode: o.relationshipCode ?? (o.subscriber ? '2' : '1'),
      personCode,
      memberNumber,
      firstName: o.firstName ?? 'Alex',
      lastName,
      dateOfBirth,
      addressLine1: `${n} Elm St`,
      zip,
      timeZone: o.timeZone ?? 'America/Chicago',
    },
    {
      groupId,
      planId: plan.id,
      startDate: o.startDate ?? '2026-01-01',
      endDate: o.endDate ?? null,
      status: o.status ?? 'active',
      coverageLevel: o.coverageLevel ?? (o.subscriber ? 'family' : 'individual'),
    },
  );
  return { id, subscriberId, memberNumber, personCode, dateOfBirth, lastName, zip, clientId, plan };
}

/** The member row (identifying fields encrypted, blind indexes for look-up) and its one eligibility span. */
export async function insertMember(
  db: Database,
  key: FieldKey,
  m: {
    id: string;
    subscriberId: string;
    clientId: string;
    relationshipCode: '1' | '2' | '3';
    personCode: string;
    memberNumber: string;
    firstName: string;
    lastName: string;
    dateOfBirth: string;
    addressLine1: string;
    zip: string;
    timeZone: string;
  },
  span: Omit<typeof schema.eligibilitySpans.$inferInsert, 'id' | 'memberId'>,
): Promise<void> {
  await db.insert(schema.members).values({
    id: m.id,
    subscriberId: m.subscriberId,
    clientId: m.clientId,
    relationshipCode: m.relationshipCode,
    personCode: m.personCode,
    memberNumberEnc: encryptField(key, m.memberNumber, FIELD_CONTEXTS.memberNumber),
    memberNumberBidx: memberNumberIndex(key, m.memberNumber),
    firstName: m.firstName,
    lastName: m.lastName,
    dateOfBirthEnc: encryptField(key, m.dateOfBirth, FIELD_CONTEXTS.dateOfBirth),
    gender: 'U',
    addressLine1Enc: encryptField(key, m.addressLine1, FIELD_CONTEXTS.addressLine1),
    city: 'Springfield',
    state: 'IL',
    zip: m.zip,
    activationBidx: activationIndex(key, m.lastName, m.dateOfBirth, m.zip),
    timeZone: m.timeZone,
  });
  await db.insert(schema.eligibilitySpans).values({ ...span, memberId: m.id });
}

async function groupOf(db: Database, clientId: string): Promise<string> {
  return one(await db.select().from(schema.groups).where(eq(schema.groups.clientId, clientId)).limit(1)).id;
}

export interface PharmacyOverrides {
  /** In this plan's network (the default when a plan is given; `inNetwork: false` leaves it out). */
  plan?: PlanRef;
  inNetwork?: boolean;
  homeDelivery?: boolean;
  name?: string;
  latitude?: number;
  longitude?: number;
  chainCode?: string | null;
}

export async function aPharmacy(db: Database, o: PharmacyOverrides = {}): Promise<PharmacyRef> {
  const n = nextN();
  const row = one(
    await db
      .insert(schema.pharmacies)
      .values({
        npi: uniqueDigits('5', 10),
        ncpdpId: uniqueDigits('5', 7),
        name: o.name ?? `Factory Drug #${n}`,
        chainCode: o.chainCode ?? null,
        addressLine1: `${n} Main St`,
        city: 'Springfield',
        state: 'IL',
        zip: '62701',
        latitude: o.latitude ?? 39.8,
        longitude: o.longitude ?? -89.65,
        phone: '2175550100',
        timeZone: 'America/Chicago',
        hours: { '1': [{ open: '09:00', close: '18:00' }] },
        homeDelivery: o.homeDelivery ?? false,
      })
      .returning(),
  );
  if (o.plan && o.inNetwork !== false) {
    await db.insert(schema.networkPharmacies).values({
      networkId: o.plan.networkId,
      pharmacyId: row.id,
      discountBps: 100,
      genericDiscountBps: 500,
      dispensingFeeCents: 150,
      effectiveDate: '2020-01-01',
    });
  }
  return { id: row.id, npi: row.npi, ncpdpId: row.ncpdpId };
}

/** A pharmacy_staff user of `pharmacy` (a new pharmacy when not given); sign in with signInAs(t, user.id). */
export async function aPharmacyUser(
  db: Database,
  o: { pharmacy?: PharmacyRef; homeDelivery?: boolean; displayName?: string } = {},
): Promise<{ id: string; pharmacy: PharmacyRef }> {
  const pharmacy = o.pharmacy ?? (await aPharmacy(db, { homeDelivery: o.homeDelivery ?? false }));
  const username = `factory-pharmacy-${nextN()}`;
  const user = one(
    await db
      .insert(schema.users)
      .values({
        username,
        usernameNormalized: normalizeUsername(username),
        email: `${username}@example.test`,
        role: 'pharmacy_staff',
        displayName: o.displayName ?? 'Factory pharmacy staff',
        pharmacyId: pharmacy.id,
      })
      .returning(),
  );
  return { id: user.id, pharmacy };
}

export async function aPrescriber(
  db: Database,
  o: { lastName?: string; npi?: string } = {},
): Promise<{ id: string; npi: string }> {
  const row = one(
    await db
      .insert(schema.prescribers)
      .values({
        npi: o.npi ?? uniqueDigits('6', 10),
        firstName: 'Pat',
        lastName: o.lastName ?? `Prescriber${nextN()}`,
        credential: 'MD',
        specialty: 'Internal medicine',
        addressLine1: '2 Clinic Way',
        city: 'Springfield',
        state: 'IL',
        zip: '62701',
        phone: '2175550199',
      })
      .returning(),
  );
  return { id: row.id, npi: row.npi };
}
