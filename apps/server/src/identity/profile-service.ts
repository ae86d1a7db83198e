// Changing the username and e-mail address. Members (and other self-service roles) do it themselves after
// re-authentication; a new e-mail address must be verified through a link before it replaces the old one, and
// the old address is told. Client users cannot: their account team (account_team staff) changes it for them.
import type { Session } from '@openpbm/db/schema/identity';
import { normalizeUsername, type User } from '@openpbm/db/schema/users';
import type { FastifyBaseLogger } from 'fastify';
import type { AppDeps } from '../app-deps';
import { badRequest, forbidden, notFound, tooManyRequests } from '../platform/problem';
import { createAccountService } from './account-service';
import { auditAuth } from './audit-events';
import * as repo from './identity-repo';
import { createRegistrationService } from './registration-service';
import { sendSecurityNotice } from './security-mail';
import type { ClientInfo } from './session-service';
import { recordFailure, retryAfterSeconds, USERNAME_PROBE_POLICY } from './throttle';

export const contactAccountTeam = () =>
  forbidden(
    'Your username and e-mail address are managed by your account team. Please contact your account team to change them.',
  );

export function createProfileService(deps: AppDeps) {
  const db = deps.db.db;
  const account = createAccountService(deps);
  const registration = createRegistrationService(deps);

  async function renameUser(
    user: User,
    newUsername: string,
    client: ClientInfo,
    actor: { userId: string; role: string } | null,
    log?: FastifyBaseLogger,
  ) {
    const normalized = normalizeUsername(newUsername);
    // Self-service answers are counted per account; once throttled, every name gets the same refusal.
    const probeKey = actor ? null : `username-probe:${user.id}`;
    if (probeKey && (await retryAfterSeconds(db, [probeKey], deps.now())) > 0)
      throw tooManyRequests('You tried too many usernames. Please try again later.');
    if (normalized !== user.usernameNormalized && (await repo.usernameTaken(db, normalized))) {
      if (probeKey) await recordFailure(db, probeKey, USERNAME_PROBE_POLICY, deps.now());
      throw badRequest('Choose another username.', [
        { field: 'username', message: 'That username is taken. Choose another.' },
      ]);
    }
    await repo.updateUser(db, user.id, { username: newUsername.trim(), usernameNormalized: normalized });
    await auditAuth(deps, client, { action: 'username_changed', user, actor, detail: { byStaff: !!actor } });
    await sendSecurityNotice(
      deps,
      user.email,
      { kind: 'username_changed', newUsername: newUsername.trim() },
      log,
    );
  }

  async function startEmailChange(
    user: User,
    newEmail: string,
    client: ClientInfo,
    baseUrl: string,
    actor: { userId: string; role: string } | null,
  ) {
    await registration.sendEmailVerification(user.id, newEmail.trim(), baseUrl);
    await auditAuth(deps, client, {
      action: 'email_change_requested',
      user,
      actor,
      detail: { byStaff: !!actor },
    });
  }

  return {
    async changeOwnUsername(
      user: User,
      session: Session,
      newUsername: string,
      client: ClientInfo,
      log?: FastifyBaseLogger,
    ) {
      if (user.role === 'client_user') throw contactAccountTeam();
      account.requireRecentAuth(session);
      await renameUser(user, newUsername, client, null, log);
    },

    async changeOwnEmail(
      user: User,
      session: Session,
      newEmail: string,
      client: ClientInfo,
      baseUrl: string,
    ) {
      if (user.role === 'client_user') throw contactAccountTeam();
      account.requireRecentAuth(session);
      await startEmailChange(user, newEmail, client, baseUrl, null);
    },

    /** Account team: a client user's username and/or e-mail (the new address is verified the same way). */
    async changeClientUser(
      staff: { userId: string; role: string },
      targetUserId: string,
      change: { username?: string | undefined; email?: string | undefined },
      client: ClientInfo,
      baseUrl: string,
      log?: FastifyBaseLogger,
    ) {
      const user = await repo.findUserById(db, targetUserId);
      if (user?.role !== 'client_user') throw notFound('No client user with that id.');
      if (change.username) await renameUser(user, change.username, client, staff, log);
      if (change.email) await startEmailChange(user, change.email, client, baseUrl, staff);
    },

    async findClientUser(username: string) {
      const found = await repo.findUserByUsername(db, normalizeUsername(username));
      if (found?.user.role !== 'client_user') throw notFound('No client user with that username.');
      const u = found.user;
      return {
        id: u.id,
        username: u.username,
        email: u.email,
        displayName: u.displayName,
        clientId: u.clientId,
      };
    },
  };
}
