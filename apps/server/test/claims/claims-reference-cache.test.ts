// The claims reference-data cache (src/claims/reference-cache.ts): a part is loaded once and then answered from
// memory, and even with no notification heard (a cache with no invalidation bus) a change is what the very next
// read uses: the per-member statement returns the reference versions, and a read made with an older part is read
// again. On PGlite and PostgreSQL.
import { memberNumberIndex } from '@openpbm/db/field-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectClaimContext } from '../../src/claims/claim-context-repo';
import { ReferenceCache } from '../../src/claims/reference-cache';
import { runOn } from '../../src/claims/repo';
import {
  addMember,
  type BenefitsFixture,
  buildBenefitsFixture,
  type FixtureMember,
} from '../fixtures/benefits';
import { createTestApp, type TestApp } from '../harness';

let t: TestApp;
let f: BenefitsFixture;
let member: FixtureMember;

beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-03-10T15:00:00Z') });
  f = await buildBenefitsFixture(t.db.db);
  member = await addMember(t.db.db, f);
});
afterAll(async () => t?.close());

const read = (cache: ReferenceCache, ndc: string) =>
  selectClaimContext(runOn(t.db.db), cache, {
    memberNumberBidx: memberNumberIndex(f.fieldKey, member.memberNumber),
    personCode: member.personCode,
    bin: f.routing.bin,
    pcn: f.routing.pcn,
    group: f.routing.group,
    dateOfService: '2026-03-10',
    ndc,
    pharmacyId: f.pharmacies.retail.id,
    serviceProviderId: f.pharmacies.retail.npi,
    rxNumber: '1',
    fillNumber: 0,
    historySince: '2025-02-01',
    prescriberNpi: null,
    dispensingStatus: null,
  });

describe('claims reference-data cache', () => {
  it('loads each part once, then answers it from memory', async () => {
    const cache = new ReferenceCache();
    const first = await read(cache, f.drugs.omeprazole);
    expect(first.planId).toBe(f.planId);
    expect(first.context?.drugs[0]?.entry?.tier).toBe(1);
    expect(cache.misses).toBe(4); // plan, drug, formulary entry, pharmacy
    const second = await read(cache, f.drugs.omeprazole);
    expect(second).toEqual(first);
    expect(cache.misses).toBe(4);
    expect(cache.hits).toBe(4);
    expect(cache.rereads).toBe(0);
  });

  it('without notifications, a change still reaches the very next read (the versions backstop)', async () => {
    const cache = new ReferenceCache(); // no invalidation bus: nothing tells it about the change
    expect((await read(cache, f.drugs.omeprazole)).context?.drugs[0]?.entry?.tier).toBe(1);
    await t.db.sql.query(
      'update formulary_entries set tier = 2 where formulary_id = $1 and drug_group_id = $2',
      [f.formularyId, f.groups.omeprazole],
    );
    const after = await read(cache, f.drugs.omeprazole);
    expect(after.context?.drugs[0]?.entry?.tier).toBe(2);
    expect(cache.rereads).toBe(1);

    await t.db.sql.query(
      `update plan_cost_shares set copay_cents = copay_cents + 100 where plan_id = $1 and tier = 2 and channel = 'retail_30'`,
      [f.planId],
    );
    const copay = (await read(cache, f.drugs.omeprazole)).context?.costShares.find(
      (c) => c.tier === 2 && c.channel === 'retail_30',
    );
    const { rows } = await t.db.sql.query<{ copay_cents: number }>(
      `select copay_cents from plan_cost_shares where plan_id = $1 and tier = 2 and channel = 'retail_30'`,
      [f.planId],
    );
    expect(copay?.copay_cents).toBe(rows[0]?.copay_cents);
    expect(cache.rereads).toBe(2);
  });
});
