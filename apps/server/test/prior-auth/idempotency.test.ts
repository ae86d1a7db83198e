// Idempotency-Key on the prior-auth submissions (prescriber request or exception, prescriber appeal, member
// appeal), through HTTP: same key and body → the first response again (same status, Idempotent-Replayed), same
// key with another body or for another case → 422 problem, and without a key nothing changes.
import { schema } from '@openpbm/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPaWorld, handleFor, type PaWorld, tnfAnswers, type UserKey } from './pa-world';

let w: PaWorld;
beforeAll(async () => {
  w = await createPaWorld();
});
afterAll(async () => w?.t.close());

async function post(user: UserKey, url: string, payload: object, key?: string) {
  const res = await w.t.app.inject({
    method: 'POST',
    url,
    headers: { ...(await w.as(user)), ...(key ? { 'idempotency-key': key } : {}) },
    payload,
  });
  return { status: res.statusCode, headers: res.headers, body: res.json() };
}

/** One handle per test: a retry carries the same body, handle included (as the web page does). */
const adalimumab = (patientHandle: string, quantityMilli = 800) => ({
  type: 'prior_auth',
  patientHandle,
  drugGroupId: w.f.groups.adalimumab,
  quantityMilli,
  daysSupply: 28,
  answers: tnfAnswers(),
});

async function casesOf(memberId: string) {
  return w.t.db.db
    .select({ id: schema.priorAuthorizations.id })
    .from(schema.priorAuthorizations)
    .where(
      and(
        eq(schema.priorAuthorizations.memberId, memberId),
        eq(schema.priorAuthorizations.drugGroupId, w.f.groups.adalimumab),
      ),
    );
}

async function deny(id: string) {
  const res = await w.call('reviewer', 'POST', `/api/prior-auth/review/cases/${id}/deny`, {
    reason: 'Methotrexate was not tried first.',
    criteriaNotMet: ['step_therapy'],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

const url = '/api/prior-auth/prescriber/cases';

describe('Idempotency-Key on prior-auth submissions', () => {
  it('replays a submission with the same key and body, refuses the key with another body', async () => {
    const member = w.f.members.single;
    const handle = handleFor(w, member);
    const first = await post('prescriber', url, adalimumab(handle), 'pa-submit-1');
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();

    const again = await post('prescriber', url, adalimumab(handle), 'pa-submit-1');
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await casesOf(member.id)).toHaveLength(1);

    const other = await post('prescriber', url, adalimumab(handle, 1_600), 'pa-submit-1');
    expect(other.status).toBe(422);
    expect(other.headers['content-type']).toContain('application/problem+json');
    expect(other.body).toMatchObject({ status: 422, title: 'Idempotency key reused' });
    expect(await casesOf(member.id)).toHaveLength(1);
  });

  it('keeps today’s behaviour without a key (a second open request for the drug is a 409)', async () => {
    const member = w.f.members.spouse;
    const handle = handleFor(w, member);
    expect((await post('prescriber', url, adalimumab(handle))).status).toBe(201);
    expect((await post('prescriber', url, adalimumab(handle))).status).toBe(409);
    expect(await casesOf(member.id)).toHaveLength(1);
  });

  it('replays a prescriber appeal; the same key and body for another case is a 422', async () => {
    const [a] = await casesOf(w.f.members.spouse.id);
    const [b] = await casesOf(w.f.members.single.id);
    if (!a || !b) throw new Error('expected the two cases above');
    await deny(a.id);
    await deny(b.id);
    const note = { note: 'Methotrexate caused liver toxicity; labs attached.' };
    const first = await post('prescriber', `${url}/${a.id}/appeal`, note, 'appeal-1');
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const again = await post('prescriber', `${url}/${a.id}/appeal`, note, 'appeal-1');
    expect(again).toMatchObject({ status: 201, body: first.body });
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect((await post('prescriber', `${url}/${b.id}/appeal`, note, 'appeal-1')).status).toBe(422);
    // Without a key a second appeal of the same denial is refused as before.
    expect((await post('prescriber', `${url}/${a.id}/appeal`, note)).status).toBe(409);
  });

  it('replays a member appeal and refuses the key with another note', async () => {
    const member = w.f.members.subscriber;
    const created = await post('prescriber', url, adalimumab(handleFor(w, member)));
    expect(created.status).toBe(201);
    await deny(created.body.id);
    const appealUrl = `/api/prior-auth/member/cases/${created.body.id}/appeal`;
    const note = { note: 'I could not take methotrexate; please look again.' };
    const first = await post('subscriber', appealUrl, note, 'member-appeal-1');
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const again = await post('subscriber', appealUrl, note, 'member-appeal-1');
    expect(again).toMatchObject({ status: 201, body: first.body });
    const changed = await post('subscriber', appealUrl, { note: 'Another note.' }, 'member-appeal-1');
    expect(changed.status).toBe(422);
    expect(changed.body.type).toContain('idempotency-key-reused');
  });
});
