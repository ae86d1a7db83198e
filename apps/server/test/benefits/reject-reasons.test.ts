// The member's reject reasons: every code the claims engine can return has its own plain-language entry, and
// a field's own M/I code from the D.0 data dictionary reads as a claim the pharmacy must correct.
import { REJECT_CODES } from '@openpbm/domain';
import { REJECT_CODE_OF_FIELD } from '@openpbm/ncpdp';
import { describe, expect, it } from 'vitest';
import { hasMemberReason, memberRejectReason, memberRejectReasons } from '../../src/benefits/reject-reasons';
import { CLAIM_REJECT_CODES } from '../../src/claims/reject-codes';

const ENGINE_CODES = [...Object.keys(CLAIM_REJECT_CODES), ...Object.keys(REJECT_CODES)];

describe('member reject reasons', () => {
  it.each(ENGINE_CODES)('code %s has its own explanation for the member', (code) => {
    expect(hasMemberReason(code)).toBe(true);
    const reason = memberRejectReason(code);
    expect(reason.code).toBe(code);
    for (const text of [reason.title, reason.explanation, reason.nextStep]) {
      expect(text.length).toBeGreaterThan(10);
      // Written for a member: no NCPDP jargon.
      expect(text).not.toMatch(/\bM\/I\b|NCPDP|segment/i);
    }
    if (reason.action) expect(reason.action.href).toMatch(/^\/members\//);
  });

  it('every field code of the data dictionary reads as a claim the pharmacy corrects', () => {
    for (const code of new Set(Object.values(REJECT_CODE_OF_FIELD))) {
      expect(memberRejectReason(code).title, code).toBeTruthy();
    }
    expect(memberRejectReason('DV').title).toBe('The pharmacy needs to correct the claim');
  });

  it('names the next step for the common rejects', () => {
    expect(memberRejectReason('75')).toMatchObject({
      title: 'Your plan needs your doctor to request approval first (prior authorization)',
      action: { href: '/members/prior-auth' },
    });
    expect(memberRejectReason('79', { refillOn: 'March 24, 2026' }).nextStep).toContain(
      'You can fill it on or after March 24, 2026',
    );
    expect(memberRejectReason('79').nextStep).not.toContain('on or after');
    expect(memberRejectReason('41').title).toBe('Your other coverage pays first');
    expect(memberRejectReason('9').title).toBe('Your date of birth did not match');
    expect(memberRejectReason('40').action?.href).toBe('/members/pharmacy-locator');
  });

  it('several data codes on one claim read as one reason', () => {
    expect(memberRejectReasons(['DV', '23', '75']).map((r) => r.code)).toEqual(['DV', '75']);
  });
});
