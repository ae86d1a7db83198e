// Reference data (formulary, cost shares, network, prices) changed while the server runs is what the very next
// claim adjudicates with: nothing the claims path keeps between claims may answer with the old value. The
// contract any reference-data cache (issue 16 item 1) must keep; on PGlite and PostgreSQL.
import { describe, expect, it } from 'vitest';
import { addMember } from '../fixtures/benefits';
import { codesOf, f, submitJson, t, useClaimsHttp } from './claims-http-world';

useClaimsHttp();

const sql = (text: string, params: unknown[] = []) => t.db.sql.query(text, params);

describe('reference data changes reach the very next claim', () => {
  it('a formulary tier change', async () => {
    const before = await submitJson({ member: await addMember(t.db.db, f), ndc: f.drugs.omeprazole });
    expect(before.status).toBe('paid');
    expect(before.tier).toBe(1);

    await sql('update formulary_entries set tier = 3 where formulary_id = $1 and drug_group_id = $2', [
      f.formularyId,
      f.groups.omeprazole,
    ]);
    const after = await submitJson({ member: await addMember(t.db.db, f), ndc: f.drugs.omeprazole });
    expect(after.status).toBe('paid');
    expect(after.tier).toBe(3);

    await sql('update formulary_entries set excluded = true where formulary_id = $1 and drug_group_id = $2', [
      f.formularyId,
      f.groups.omeprazole,
    ]);
    const excluded = await submitJson({ member: await addMember(t.db.db, f), ndc: f.drugs.omeprazole });
    expect(excluded.status).toBe('rejected');
    expect(codesOf(excluded)).toContain('70');
  });

  it('a copay change in the plan’s cost shares', async () => {
    const before = await submitJson({ member: await addMember(t.db.db, f), ndc: f.drugs.lipitor });
    expect(before.pricing?.patientPayCents).toBe(1_000);
    await sql(
      `update plan_cost_shares set copay_cents = 700 where plan_id = $1 and tier = 1 and channel = 'retail_30'`,
      [f.planId],
    );
    const after = await submitJson({ member: await addMember(t.db.db, f), ndc: f.drugs.lipitor });
    expect(after.pricing?.patientPayCents).toBe(700);
  });

  it('a new drug price and a pharmacy leaving the network', async () => {
    const before = await submitJson({ member: await addMember(t.db.db, f), ndc: f.drugs.lipitor }, 'retail2');
    expect(before.pricing?.ingredientCostPaidCents).toBe(14_850); // 30 × $5.00 NADAC, 1% brand discount
    await sql(
      `insert into drug_prices (id, ndc, price_type, unit_price_micros, effective_date, source)
       values (gen_random_uuid(), $1, 'nadac', 6000000, '2026-03-09', 'test')`,
      [f.drugs.lipitor],
    );
    const repriced = await submitJson(
      { member: await addMember(t.db.db, f), ndc: f.drugs.lipitor },
      'retail2',
    );
    expect(repriced.pricing?.ingredientCostPaidCents).toBe(17_820); // 30 × $6.00, 1% off

    await sql('delete from network_pharmacies where network_id = $1 and pharmacy_id = $2', [
      f.networkId,
      f.pharmacies.retail2.id,
    ]);
    const outside = await submitJson(
      { member: await addMember(t.db.db, f), ndc: f.drugs.lipitor },
      'retail2',
    );
    expect(outside.status).toBe('rejected');
  });
});
