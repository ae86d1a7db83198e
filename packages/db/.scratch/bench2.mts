import { openMigratedDatabase } from '/work/main/packages/db/src/client';
import { uuidv7 } from 'uuidv7';
import { sql } from 'drizzle-orm';
const h = await openMigratedDatabase(process.env.URL ? { url: process.env.URL } : { dataDir: process.env.DIR });
const N = Number(process.env.N ?? 200000);
const B = Number(process.env.B ?? 5000);
const types: Record<string,string> = { id: 'uuid', transaction_code: 'text', bin: 'text', pcn: 'text', rx_group: 'text', service_provider_id: 'text', rx_number: 'text', fill_number: 'int2', ndc: 'text', quantity_milli: 'int4', days_supply: 'int4', date_of_service: 'date', status: 'text', reject_codes: 'text', tier: 'int2', channel: 'text', ingredient_cost_cents: 'int4', dispensing_fee_cents: 'int4', patient_pay_cents: 'int4', plan_pay_cents: 'int4', applied_to_deductible_cents: 'int4', applied_to_oop_cents: 'int4', authorization_number: 'text', received_at: 'timestamptz' };
const cols = Object.keys(types);
let gen = 0, ins = 0;
const t0 = performance.now();
await h.db.transaction(async (tx) => {
  for (let i = 0; i < N; i += B) {
    const g0 = performance.now();
    const arrays: unknown[][] = cols.map(() => []);
    for (let j = i; j < Math.min(N, i + B); j++) {
      const row: unknown[] = [uuidv7(), 'B1', '999101', 'OPBRX', 'OPBGOLD', '1234567893', String(10000000 + j), j % 5, '99901010190', 30000, 30, '2025-03-04', 'paid', '{}', 1, 'retail_30', 1234, 1050, 1000, 1284, 0, 1000, 'A' + j, '2025-03-04T15:00:00Z'];
      row.forEach((v, k) => arrays[k]!.push(v));
    }
    const g1 = performance.now(); gen += g1 - g0;
    const sel = cols.map((c, k) => c === 'reject_codes' ? `c${k}::text[]` : `c${k}`).join(', ');
    const text = `insert into claims (${cols.join(', ')}) select ${sel} from unnest(${cols.map((c, k) => `$${k + 1}::${types[c]}[]`).join(', ')}) as t(${cols.map((_, k) => `c${k}`).join(', ')})`;
    const client = (tx as any).session?.client;
    await tx.execute(sql.raw('select 1'));
    // use drizzle param binding through sql template
    const chunks = [sql.raw(`insert into claims (${cols.join(', ')}) select ${sel} from unnest(`)];
    cols.forEach((c, k) => { if (k) chunks.push(sql.raw(', ')); chunks.push(sql`${arrays[k]}`); chunks.push(sql.raw(`::${types[c]}[]`)); });
    chunks.push(sql.raw(`) as t(${cols.map((_, k) => `c${k}`).join(', ')})`));
    await tx.execute(sql.join(chunks));
    ins += performance.now() - g1;
  }
});
console.log(h.kind, N, 'rows', ((performance.now() - t0) / 1000).toFixed(1), 's gen', (gen/1000).toFixed(1), 'ins', (ins/1000).toFixed(1));
await h.close();
