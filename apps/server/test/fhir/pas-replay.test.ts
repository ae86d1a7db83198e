// Da Vinci PAS replays: a submitter that sends the same request Bundle again (same Bundle.identifier, or the same
// Claim.identifier under a new Bundle.identifier) gets the first answer again and no second case is opened;
// another request under a used identifier is a 422 OperationOutcome naming that identifier.
import { schema } from '@openpbm/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPaWorld, type PaWorld } from '../prior-auth/pa-world';
import { claimResponseOf, type Json, pasBundle, post } from './pas-fixtures';

let w: PaWorld;
beforeAll(async () => {
  w = await createPaWorld();
}, 120_000);
afterAll(async () => w?.t.close());

const casesOf = async (memberId: string) =>
  w.t.deps.db.db
    .select({ id: schema.priorAuthorizations.id })
    .from(schema.priorAuthorizations)
    .where(eq(schema.priorAuthorizations.memberId, memberId));

describe('Claim/$submit replays', () => {
  it('the same Bundle again gets the first answer; one case', { timeout: 90_000 }, async () => {
    const member = w.f.members.single;
    const bundle = pasBundle(w, member, { claim: { identifier: [{ system: 'urn:ehr', value: 'c-1' }] } });
    const first = await post(w, 'prescriber', '$submit', bundle);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const again = await post(w, 'prescriber', '$submit', { ...bundle, timestamp: '2026-03-10T15:05:00Z' });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(claimResponseOf(again.body).preAuthRef).toBe(claimResponseOf(first.body).preAuthRef);
    expect(await casesOf(member.id)).toHaveLength(1);

    // The same Claim.identifier in a new Bundle (a new transaction id) is the same request too.
    const resent = await post(w, 'prescriber', '$submit', {
      ...bundle,
      identifier: { system: 'urn:example:ehr', value: 'tx-resent' },
    });
    expect(resent.status).toBe(200);
    expect(claimResponseOf(resent.body)).toEqual(claimResponseOf(first.body));
    expect(await casesOf(member.id)).toHaveLength(1);
  });

  it('another request under a used identifier is a 422 naming it; no case', async () => {
    const member = w.f.members.spouse;
    const bundle = pasBundle(w, member, { claim: { identifier: [{ system: 'urn:ehr', value: 'c-2' }] } });
    const first = await post(w, 'prescriber', '$submit', bundle);
    expect(first.status).toBe(200);
    const entries = bundle.entry as Array<{ resource: Json }>;
    const changed = (claim: Json, identifier = bundle.identifier) => ({
      ...bundle,
      identifier,
      entry: [{ ...entries[0], resource: { ...entries[0]?.resource, ...claim } }, ...entries.slice(1)],
    });
    const bigger = await post(w, 'prescriber', '$submit', changed({ supportingInfo: [] }));
    expect(bigger.status).toBe(400); // still read first: a malformed Bundle is named as such

    const sameBundleId = await post(
      w,
      'prescriber',
      '$submit',
      changed({ priority: { coding: [{ code: 'stat' }] } }),
    );
    expect(sameBundleId.status, JSON.stringify(sameBundleId.body)).toBe(422);
    expect(sameBundleId.body).toMatchObject({
      resourceType: 'OperationOutcome',
      issue: [{ code: 'duplicate', expression: ['Bundle.identifier'] }],
    });
    const sameClaimId = await post(
      w,
      'prescriber',
      '$submit',
      changed({ priority: { coding: [{ code: 'stat' }] } }, { system: 'urn:example:ehr', value: 'tx-new' }),
    );
    expect(sameClaimId.status).toBe(422);
    expect(sameClaimId.body).toMatchObject({
      issue: [{ code: 'duplicate', expression: ['Bundle.entry[0].resource.identifier'] }],
    });
    expect(await casesOf(member.id)).toHaveLength(1);
  });

  it('identifiers are the submitter’s own: another prescriber’s identical Bundle is their own request', async () => {
    const member = w.f.members.subscriber;
    const bundle = pasBundle(w, member);
    const first = await post(w, 'prescriber', '$submit', bundle);
    expect(first.status).toBe(200);
    const other = await post(w, 'otherPrescriber', '$submit', bundle);
    // Not a replay of the first prescriber's answer: the engine sees the open case (409).
    expect(other.status).toBe(409);
    expect(other.body.resourceType).toBe('OperationOutcome');
  });
});
