import pg from 'pg';
import { deriveFieldKey, memberNumberIndex, decryptField, FIELD_CONTEXTS } from '@openpbm/db/field-crypto';
import { addDays } from '@openpbm/domain';
import { CLAIM_CONTEXT } from '../apps/server/src/claims/repo';
const c = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/zz_claims_profile' });
await c.connect();
const asOf = new Date().toISOString().slice(0, 10);
const key = deriveFieldKey('11'.repeat(32));
const { rows: m } = await c.query(`select m.member_number_enc, m.person_code, p.bin, p.pcn, p.rx_group from members m join eligibility_spans s on s.member_id = m.id join plans p on p.id = s.plan_id limit 1`);
const num = decryptField(key, m[0].member_number_enc, FIELD_CONTEXTS.memberNumber);
const { rows: ph } = await c.query(`select id, npi from pharmacies limit 1`);
const { rows: d } = await c.query(`select ndc from drug_products limit 1`);
const params = [memberNumberIndex(key, num), m[0].person_code, m[0].bin, m[0].pcn, m[0].rx_group, asOf, d[0].ndc, ph[0].id, ph[0].npi, '1', 0, addDays(asOf, -400), null];
const time = async (label: string, fn: () => Promise<unknown>, n = 200) => {
  const t: number[] = [];
  for (let i = 0; i < n; i++) { const s = performance.now(); await fn(); t.push(performance.now() - s); }
  t.sort((a, b) => a - b);
  console.log(label.padEnd(20), 'p50', t[n / 2]!.toFixed(2), 'p90', t[Math.floor(n * 0.9)]!.toFixed(2));
};
await time('select 1', () => c.query('select 1'));
await time('select 1 named', () => c.query({ name: 's1', text: 'select 1', values: [] }));
await time('context', () => c.query({ name: 'ctx', text: CLAIM_CONTEXT.text, values: params }));
await time('select 1', () => c.query('select 1'));
await time('context', () => c.query({ name: 'ctx', text: CLAIM_CONTEXT.text, values: params }));
await c.end();
