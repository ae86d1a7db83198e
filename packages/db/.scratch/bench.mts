import { openMigratedDatabase } from '/work/main/packages/db/src/client';
import { uuidv7 } from 'uuidv7';
import { sql } from 'drizzle-orm';
const h = await openMigratedDatabase(process.env.URL ? { url: process.env.URL } : { dataDir: process.env.DIR });
// minimal dependencies: a therapeutic class, drug group etc. not needed for claims (all FKs nullable)
const N = Number(process.env.N ?? 200000);
const B = Number(process.env.B ?? 5000);
const t0 = performance.now();
await h.db.transaction(async (tx) => {
  const idx = process.env.NOIDX ? ((await tx.execute(sql`select indexname, indexdef from pg_indexes where tablename = 'claims' and indexname not like '%pkey'`)) as any).rows : [];
  for (const r of idx) await tx.execute(sql.raw(`drop index ${r.indexname}`));
  for (let i = 0; i < N; i += B) {
    const rows = [];
    for (let j = i; j < Math.min(N, i + B); j++) rows.push({ id: uuidv7(), transaction_code: 'B1', bin: '999101', pcn: 'OPBRX', rx_group: 'OPBGOLD', service_provider_id: '1234567893', rx_number: String(10000000 + j), fill_number: j % 5, ndc: '99901010190', quantity_milli: 30000, days_supply: 30, date_of_service: '2025-03-04', status: 'paid', reject_codes: [], tier: 1, channel: 'retail_30', ingredient_cost_cents: 1234, dispensing_fee_cents: 1050, patient_pay_cents: 1000, plan_pay_cents: 1284, applied_to_deductible_cents: 0, applied_to_oop_cents: 1000, authorization_number: 'A' + j, received_at: '2025-03-04T15:00:00Z' });
    const cols = Object.keys(rows[0]!).join(', ');
    await tx.execute(sql`insert into claims (${sql.raw(cols)}) select ${sql.raw(cols)} from json_populate_recordset(null::claims, ${JSON.stringify(rows)}::json)`);
  }
  const t1 = performance.now();
  for (const r of idx) await tx.execute(sql.raw(r.indexdef));
  console.log('reindex', ((performance.now() - t1) / 1000).toFixed(1));
});
console.log(h.kind, N, 'rows', ((performance.now() - t0) / 1000).toFixed(1), 's');
await h.close();
