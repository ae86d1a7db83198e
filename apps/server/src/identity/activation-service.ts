// Account activation: a member proves who they are with the member ID, date of birth, last name and ZIP from
// eligibility (matched through the blind indexes; nothing is decrypted to compare), must have coverage in force,
// and a dependent must be 18 or older to activate their own account. Any mismatch gets the same answer.
// Success hands out a registration token (30 minutes, single use) for the registration step.
import { activationIndex, blindIndex, fieldKeyFromConfig, memberNumberIndex } from '@openpbm/db/field-crypto';
import { localDateInTimeZone } from '@openpbm/domain';
import type { AppDeps } from '../app-deps';
import { ProblemError } from '../platform/problem';
import { auditAuth } from './audit-events';
import { systemEnrolmentRepo } from './enrolment-repo';
import * as repo from './identity-repo';
import { constantTimeEqual, hashToken, newToken } from './secrets';
import type { ClientInfo } from './session-service';
import { ACTIVATION_POLICY, recordFailure, refuseWhileBlocked } from './throttle';

export const REGISTRATION_TOKEN_MINUTES = 30;
export const ADULT_AGE = 18;

export interface ActivationInput {
  memberId: string;
  dateOfBirth: string;
  lastName: string;
  zip: string;
}

export const activationFailed = () =>
  new ProblemError(
    400,
    'activation-failed',
    'We could not verify your details',
    'Check your member ID, date of birth, last name and ZIP code against your member ID card and try again.',
  );

/** Whole years between a birth date and a day, both YYYY-MM-DD. */
export function ageOn(dateOfBirth: string, day: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export function createActivationService(deps: AppDeps) {
  const db = deps.db.db;
  const enrolment = systemEnrolmentRepo(deps.db);
  const key = fieldKeyFromConfig(deps.config);

  return {
    async activate(
      input: ActivationInput,
      client: ClientInfo,
    ): Promise<{ registrationToken: string; firstName: string }> {
      const now = deps.now();
      const memberKey = `activation-member:${blindIndex(key, 'activation throttle', input.memberId.toUpperCase().replace(/[\s-]/g, ''))}`;
      const throttleKeys = [`activation-ip:${client.ip ?? 'unknown'}`, memberKey];
      await refuseWhileBlocked(db, throttleKeys, now);

      const fail = async (reason: string, memberId?: string) => {
        for (const k of throttleKeys) await recordFailure(db, k, ACTIVATION_POLICY, now);
        await auditAuth(deps, client, {
          action: 'activation_failed',
          resourceType: 'member',
          resourceId: memberId ?? null,
          detail: { reason },
        });
        return activationFailed();
      };

      let expected: string;
      try {
        expected = activationIndex(key, input.lastName, input.dateOfBirth, input.zip);
      } catch {
        throw await fail('malformed');
      }
      const member = await enrolment.memberByNumberIndex(memberNumberIndex(key, input.memberId));
      if (!member || !constantTimeEqual(member.activationBidx, expected)) throw await fail('no_match');

      const today = localDateInTimeZone(now, member.timeZone);
      if (!(await enrolment.coveredOn(member.id, today))) throw await fail('not_eligible', member.id);
      if (member.relationshipCode !== '1' && ageOn(input.dateOfBirth, today) < ADULT_AGE) {
        throw await fail('minor_dependent', member.id);
      }
      if (await repo.findUserByMemberId(db, member.id)) {
        await auditAuth(deps, client, {
          action: 'activation_failed',
          resourceType: 'member',
          resourceId: member.id,
          detail: { reason: 'already_registered' },
        });
        // Only someone who knows all four facts gets here; telling them where to go next is worth the small leak.
        throw new ProblemError(
          409,
          'already-registered',
          'You already have an account',
          'Sign in, or use "Forgot username" and "Forgot password".',
        );
      }

      const registrationToken = newToken();
      await repo.insertToken(db, {
        purpose: 'registration',
        tokenHash: hashToken(registrationToken),
        memberId: member.id,
        expiresAt: new Date(now.getTime() + REGISTRATION_TOKEN_MINUTES * 60_000),
        now,
      });
      await auditAuth(deps, client, {
        action: 'activation_verified',
        resourceType: 'member',
        resourceId: member.id,
      });
      return { registrationToken, firstName: member.firstName };
    },
  };
}
