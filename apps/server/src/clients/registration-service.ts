// Self-registration of client users and advisors. 1) A public form names the person, their organization and the
// client they work with; a link goes to the work e-mail. 2) The link proves the address and hands out a short
// account ticket. 3) With it the registrant chooses username, password, SiteKey and challenge questions, checked
// and stored exactly as for members (identity's password policy, argon2id, encrypted SiteKey phrase). The new
// account is active at once and reads registered-only content; secure tools need an access request.
import { encryptField, fieldKeyFromConfig } from '@openpbm/db/field-crypto';
import { normalizeUsername } from '@openpbm/db/schema/users';
import type { FieldError } from '@openpbm/shared';
import type { PortalRegistrationStart } from '@openpbm/shared/client-portal';
import type { AppDeps } from '../app-deps';
import { auditAuth } from '../identity/audit-events';
import * as identityRepo from '../identity/identity-repo';
import { passwordProblems } from '../identity/password-policy';
import { hashSecret } from '../identity/passwords';
import { checkChallengeAnswers, hashChallengeAnswers } from '../identity/registration-service';
import { hashToken, newToken } from '../identity/secrets';
import type { ClientInfo } from '../identity/session-service';
import { SITE_KEY_PHRASE_CONTEXT } from '../identity/sign-in-service';
import { badRequest, ProblemError } from '../platform/problem';
import { findClientByCodeOrName } from './access-repo';
import { systemRegistrationRepo as registrations } from './registration-repo';

export const LINK_HOURS = 24;
export const TICKET_MINUTES = 30;

export interface AccountInput {
  registrationToken: string;
  username: string;
  password: string;
  siteKey: { imageId: string; phrase: string };
  challengeAnswers: { questionId: string; answer: string }[];
}

const linkInvalid = () =>
  new ProblemError(
    400,
    'link-invalid',
    'This link is no longer valid',
    'It may have expired or been used already. Register again.',
  );
const ticketExpired = () =>
  new ProblemError(
    400,
    'registration-expired',
    'Your registration has expired',
    'Open the link in your e-mail again, or register again.',
  );

export function createPortalRegistrationService(deps: AppDeps) {
  const db = deps.db.db;
  const fieldKey = fieldKeyFromConfig(deps.config);

  return {
    async start(input: PortalRegistrationStart, baseUrl: string): Promise<void> {
      const client = await findClientByCodeOrName(db, input.clientReference);
      if (!client)
        throw badRequest('Correct the fields listed and try again.', [
          {
            field: 'clientReference',
            message: 'We don’t recognise that client number or name. Check it with your benefits team.',
          },
        ]);
      const now = deps.now();
      const token = newToken();
      await registrations.insert(db, {
        kind: input.kind,
        fullName: input.fullName,
        email: input.email.trim(),
        organization: input.organization,
        clientId: client.id,
        tokenHash: hashToken(token),
        tokenExpiresAt: new Date(now.getTime() + LINK_HOURS * 3_600_000),
        createdAt: now,
      });
      // A pick-up link only: no name, client or other detail in the message.
      await deps.mailer.send({
        to: input.email.trim(),
        subject: 'Confirm your e-mail address for the OpenPBM client portal',
        text:
          `Confirm this e-mail address to finish registering for the OpenPBM client portal. Open this link within ${LINK_HOURS} hours:\n\n` +
          `${baseUrl}/clients/register/confirm#token=${token}\n\nIf you did not ask for this, ignore this message.`,
      });
    },

    /** The e-mailed link: the address is proven; returns a ticket for choosing the sign-in details. */
    async confirmEmail(
      token: string,
    ): Promise<{ registrationToken: string; firstName: string; email: string }> {
      const now = deps.now();
      const ticket = newToken();
      const row = await registrations.verifyEmail(db, hashToken(token), now, {
        hash: hashToken(ticket),
        expiresAt: new Date(now.getTime() + TICKET_MINUTES * 60_000),
      });
      if (!row) throw linkInvalid();
      return {
        registrationToken: ticket,
        firstName: row.fullName.split(/\s+/)[0] ?? row.fullName,
        email: row.email,
      };
    },

    async createAccount(input: AccountInput, client: ClientInfo): Promise<{ username: string }> {
      const now = deps.now();
      const reg = await registrations.byTicket(db, hashToken(input.registrationToken), now);
      if (!reg) throw ticketExpired();
      const normalized = normalizeUsername(input.username);
      const errors: FieldError[] = [];
      if (await identityRepo.usernameTaken(db, normalized))
        errors.push({ field: 'username', message: 'That username is taken. Choose another.' });
      for (const message of passwordProblems(input.password, { username: input.username, email: reg.email }))
        errors.push({ field: 'password', message });
      errors.push(...checkChallengeAnswers(input.challengeAnswers));
      if (errors.length) throw badRequest('Correct the fields listed and try again.', errors);
      const passwordHash = await hashSecret(input.password);
      const answers = await hashChallengeAnswers(input.challengeAnswers);
      const role = reg.kind === 'advisor' ? ('advisor' as const) : ('client_user' as const);

      const userId = await db.transaction(async (tx) => {
        let advisorId: string | null = null;
        if (reg.kind === 'advisor') {
          const [first = reg.fullName, ...rest] = reg.fullName.split(/\s+/);
          advisorId = await registrations.insertAdvisor(tx, {
            firstName: first,
            lastName: rest.join(' ') || first,
            firm: reg.organization,
            email: reg.email,
          });
        }
        const newUserId = await registrations.insertUser(tx, {
          username: input.username.trim(),
          usernameNormalized: normalized,
          email: reg.email,
          emailVerifiedAt: reg.emailVerifiedAt,
          passwordHash,
          passwordChangedAt: now,
          status: 'active',
          role,
          clientId: role === 'client_user' ? reg.clientId : null,
          advisorId,
          displayName: reg.fullName,
        });
        if (!newUserId)
          throw badRequest('Correct the fields listed and try again.', [
            { field: 'username', message: 'That username is taken. Choose another.' },
          ]);
        if (!(await registrations.markUsed(tx, reg.id, newUserId))) throw ticketExpired();
        await identityRepo.upsertSiteKey(
          tx,
          newUserId,
          input.siteKey.imageId,
          encryptField(fieldKey, input.siteKey.phrase.trim(), SITE_KEY_PHRASE_CONTEXT),
          now,
        );
        await identityRepo.replaceChallengeAnswers(tx, newUserId, answers);
        return newUserId;
      });
      await auditAuth(deps, client, {
        action: 'registered',
        user: { id: userId, role },
        detail: { portal: 'clients' },
      });
      return { username: input.username.trim() };
    },
  };
}
