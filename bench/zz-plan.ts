import pg from 'pg';
import { deriveFieldKey, memberNumberIndex } from '@openpbm/db/field-crypto';
import { addDays } from '@openpbm/domain';
import { CLAIM_CONTEXT } from '../apps/server/src/claims/repo';
const c = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/zz_claims_profile' });
await c.connect();
const asOf = new Date().toISOString().slice(0, 10);
const { rows: m } = await c.query(`select m.member_number_enc, m.person_code from members m limit 1`);
const { decryptField, FIELD_CONTEXTS } = await import('@openpbm/db/field-crypto');
const key = deriveFieldKey('11'.repeat(32));
const num = decryptField(key, m[0].member_number_enc, FIELD_CONTEXTS.memberNumber);
const { rows: p } = await c.query(`select bin, pcn, rx_group from plans limit 1`);
const { rows: ph } = await c.query(`select id, npi from pharmacies limit 1`);
const { rows: d } = await c.query(`select ndc from drug_products limit 1`);
const params = [memberNumberIndex(key, num), m[0].person_code, p[0].bin, p[0].pcn, p[0].rx_group, asOf, d[0].ndc, ph[0].id, ph[0].npi, '1', 0, addDays(asOf, -400), null];
const { rows: e } = await c.query(`explain ${CLAIM_CONTEXT.text}`, params);
console.log('estimated', e[0]['QUERY PLAN']);
for (let i = 0; i < 12; i++) {
  const s = performance.now();
  await c.query({ name: 'x', text: CLAIM_CONTEXT.text, values: params });
  console.log(i, (performance.now() - s).toFixed(2));
}
await c.query('set plan_cache_mode = force_generic_plan');
for (let i = 0; i < 5; i++) {
  const s = performance.now();
  await c.query({ name: 'y', text: CLAIM_CONTEXT.text, values: params });
  console.log('generic', i, (performance.now() - s).toFixed(2));
}
await c.end();
