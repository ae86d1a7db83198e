// Eligibility fixtures for identity tests: one client/plan and a family (subscriber, adult dependent, minor
// dependent) with encrypted member IDs and dates of birth, as the seed writes them.
import { randomBytes } from 'node:crypto';
import { type DatabaseHandle, schema } from '@openpbm/db';
import {
  activationIndex,
  encryptField,
  FIELD_CONTEXTS,
  fieldKeyFromConfig,
  memberNumberIndex,
} from '@openpbm/db/field-crypto';
import { loadConfig } from '@openpbm/shared/config';

/** The row a query must have returned (a failed insert or lookup fails the test here). */
const must = <T>(value: T | null | undefined): T => {
  if (value == null) throw new Error('expected a row');
  return value;
};

export interface FixtureMember {
  id: string;
  memberNumber: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  zip: string;
}

export interface Family {
  subscriber: FixtureMember;
  adultDependent: FixtureMember;
  minorDependent: FixtureMember;
  /** Covered until last year: not eligible now. */
  formerMember: FixtureMember;
  clientId: string;
}

export async function insertFamily(
  handle: DatabaseHandle,
  today = '2026-03-02',
  config: { FIELD_ENCRYPTION_KEY: string } = loadConfig({ NODE_ENV: 'test' }),
): Promise<Family> {
  const db = handle.db;
  const key = fieldKeyFromConfig(config);
  const tag = randomBytes(3).toString('hex').toUpperCase();
  const [formulary] = await db
    .insert(schema.formularies)
    .values({ code: `F-${tag}`, name: 'Test formulary', effectiveDate: '2026-01-01' })
    .returning();
  const [network] = await db
    .insert(schema.pharmacyNetworks)
    .values({ code: `N-${tag}`, name: 'Test network', benchmark: 'nadac', terms: {} })
    .returning();
  const [plan] = await db
    .insert(schema.plans)
    .values({
      code: `P-${tag}`,
      name: 'Test plan',
      deductibleIndividualCents: 0,
      deductibleFamilyCents: 0,
      oopMaxIndividualCents: 100_000,
      oopMaxFamilyCents: 200_000,
      maxDaysSupply: { retail_30: 34, retail_90: 90, home_delivery_90: 90, specialty: 30 },
      formularyId: must(formulary).id,
      pharmacyNetworkId: must(network).id,
      bin: '610000',
      pcn: `PCN${tag}`,
      rxGroup: `G${tag}`,
      customerServicePhone: '800-555-0100',
    })
    .returning();
  const [client] = await db
    .insert(schema.clients)
    .values({ code: `C-${tag}`, name: 'Test employer' })
    .returning();
  const [group] = await db
    .insert(schema.groups)
    .values({ clientId: must(client).id, groupNumber: `GR${tag}`, name: 'Main' })
    .returning();

  let subscriberId: string | null = null;
  const add = async (
    relationshipCode: '1' | '2' | '3',
    personCode: string,
    firstName: string,
    dateOfBirth: string,
    endDate: string | null,
  ): Promise<FixtureMember> => {
    const memberNumber = `OPB${tag}${personCode}`;
    const lastName = "O'Brien-Núñez";
    const zip = '60614';
    const id = crypto.randomUUID();
    await db.insert(schema.members).values({
      id,
      subscriberId: subscriberId ?? id,
      clientId: must(client).id,
      relationshipCode,
      personCode,
      memberNumberEnc: encryptField(key, memberNumber, FIELD_CONTEXTS.memberNumber),
      memberNumberBidx: memberNumberIndex(key, memberNumber),
      firstName,
      lastName,
      dateOfBirthEnc: encryptField(key, dateOfBirth, FIELD_CONTEXTS.dateOfBirth),
      gender: 'U',
      addressLine1Enc: encryptField(key, '1 Test St', FIELD_CONTEXTS.addressLine1),
      city: 'Chicago',
      state: 'IL',
      zip,
      activationBidx: activationIndex(key, lastName, dateOfBirth, zip),
      timeZone: 'America/Chicago',
    });
    await db.insert(schema.eligibilitySpans).values({
      memberId: id,
      groupId: must(group).id,
      planId: must(plan).id,
      startDate: '2025-01-01',
      endDate,
      status: endDate && endDate < today ? 'expired' : 'active',
      coverageLevel: 'family',
    });
    return { id, memberNumber, firstName, lastName, dateOfBirth, zip };
  };
  const subscriber = await add('1', '001', 'Avery', '1980-05-17', null);
  subscriberId = subscriber.id;
  const adultDependent = await add('3', '003', 'Jordan', '2007-01-15', null);
  const minorDependent = await add('3', '004', 'Riley', '2012-08-30', null);
  const formerMember = await add('2', '002', 'Casey', '1982-02-02', '2025-12-31');
  return { subscriber, adultDependent, minorDependent, formerMember, clientId: must(client).id };
}
