// Passkeys (WebAuthn) through @simplewebauthn/server: registration after re-authentication, and sign-in either as
// the second factor after a password or on its own (a discoverable credential with user verification is itself
// multi-factor: something you have + a PIN or biometric). User verification is required in both ceremonies.

import type { Session } from '@openpbm/db/schema/identity';
import type { User } from '@openpbm/db/schema/users';
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type { FastifyBaseLogger } from 'fastify';
import type { AppDeps } from '../app-deps';
import { notFound, ProblemError } from '../platform/problem';
import { createAccountService } from './account-service';
import * as factors from './factor-repo';
import { createFactorService } from './factor-service';
import * as repo from './identity-repo';
import type { ClientInfo } from './session-service';

export const CHALLENGE_MINUTES = 5;
export const RP_NAME = 'OpenPBM';

/** Where the browser runs the ceremony: origin and RP ID (the host name). */
export interface RelyingParty {
  origin: string;
  rpID: string;
}

export const passkeyFailed = () =>
  new ProblemError(
    400,
    'passkey-failed',
    'The passkey could not be used',
    'Try again, or sign in another way.',
  );

export function createPasskeyService(deps: AppDeps) {
  const db = deps.db.db;
  const account = createAccountService(deps);
  const factorService = createFactorService(deps);
  const minutes = (n: number) => new Date(deps.now().getTime() + n * 60_000);

  return {
    async registrationOptions(user: User, session: Session, rp: RelyingParty) {
      account.requireRecentAuth(session);
      const existing = await factors.listPasskeys(db, user.id);
      const options = await generateRegistrationOptions({
        rpName: RP_NAME,
        rpID: rp.rpID,
        userName: user.username,
        userDisplayName: user.displayName,
        userID: new TextEncoder().encode(user.id),
        attestationType: 'none',
        excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports })),
        authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
      });
      const challengeId = await factors.insertChallenge(db, {
        userId: user.id,
        purpose: 'register',
        challenge: options.challenge,
        expiresAt: minutes(CHALLENGE_MINUTES),
        now: deps.now(),
      });
      return { challengeId, options: options as unknown as Record<string, unknown> };
    },

    async register(
      user: User,
      session: Session,
      input: { challengeId: string; name: string; response: RegistrationResponseJSON },
      rp: RelyingParty,
      client: ClientInfo,
      log?: FastifyBaseLogger,
    ) {
      account.requireRecentAuth(session);
      const challenge = await factors.takeChallenge(db, input.challengeId, 'register', deps.now());
      if (!challenge || challenge.userId !== user.id) throw passkeyFailed();
      const verification = await verifyRegistrationResponse({
        response: input.response,
        expectedChallenge: challenge.challenge,
        expectedOrigin: rp.origin,
        expectedRPID: rp.rpID,
        requireUserVerification: true,
      }).catch(() => null);
      if (!verification?.verified) throw passkeyFailed();
      const info = verification.registrationInfo;
      if (await factors.findPasskeyByCredentialId(db, info.credential.id)) throw passkeyFailed();
      await factors.insertPasskey(db, {
        userId: user.id,
        credentialId: info.credential.id,
        publicKey: Buffer.from(info.credential.publicKey).toString('base64url'),
        signCount: info.credential.counter,
        transports: info.credential.transports ?? [],
        deviceType: info.credentialDeviceType,
        backedUp: info.credentialBackedUp,
        aaguid: info.aaguid,
        name: input.name.trim(),
        createdAt: deps.now(),
      });
      await factorService.factorChanged(user, session, 'factor_added', 'passkey', client, log, 'passkey');
      return { recoveryCodes: await factorService.recoveryCodesAfterAdding(user.id) };
    },

    async list(userId: string) {
      return (await factors.listPasskeys(db, userId)).map((p) => ({
        id: p.id,
        name: p.name,
        createdAt: p.createdAt.toISOString(),
        lastUsedAt: p.lastUsedAt?.toISOString() ?? null,
        backedUp: p.backedUp,
      }));
    },

    async remove(
      user: User,
      session: Session,
      passkeyId: string,
      client: ClientInfo,
      log?: FastifyBaseLogger,
    ) {
      account.requireRecentAuth(session);
      if (!(await factors.deletePasskey(db, user.id, passkeyId))) throw notFound('No such passkey.');
      await factorService.dropRecoveryCodesIfNoFactor(user.id);
      await factorService.factorChanged(user, session, 'factor_removed', 'passkey', client, log);
    },

    /** Sign-in options: the user's own credentials after a password, or any discoverable passkey. */
    async authenticationOptions(userId: string | null, rp: RelyingParty) {
      const allow = userId ? await factors.listPasskeys(db, userId) : [];
      const options = await generateAuthenticationOptions({
        rpID: rp.rpID,
        userVerification: 'required',
        allowCredentials: allow.map((p) => ({ id: p.credentialId, transports: p.transports })),
      });
      const challengeId = await factors.insertChallenge(db, {
        userId,
        purpose: 'authenticate',
        challenge: options.challenge,
        expiresAt: minutes(CHALLENGE_MINUTES),
        now: deps.now(),
      });
      return { challengeId, options: options as unknown as Record<string, unknown> };
    },

    /** The user the assertion proves, or null. `expectedUserId` is set when a password came first. */
    async authenticate(
      input: { challengeId: string; response: AuthenticationResponseJSON },
      expectedUserId: string | null,
      rp: RelyingParty,
    ): Promise<User | null> {
      const challenge = await factors.takeChallenge(db, input.challengeId, 'authenticate', deps.now());
      if (!challenge || challenge.userId !== expectedUserId) return null;
      const passkey = await factors.findPasskeyByCredentialId(db, input.response.id);
      if (!passkey || (expectedUserId && passkey.userId !== expectedUserId)) return null;
      const verification = await verifyAuthenticationResponse({
        response: input.response,
        expectedChallenge: challenge.challenge,
        expectedOrigin: rp.origin,
        expectedRPID: rp.rpID,
        credential: {
          id: passkey.credentialId,
          publicKey: new Uint8Array(Buffer.from(passkey.publicKey, 'base64url')),
          counter: passkey.signCount,
          transports: passkey.transports,
        },
        requireUserVerification: true,
      }).catch(() => null);
      if (!verification?.verified) return null;
      await factors.updatePasskeyUse(db, passkey.id, verification.authenticationInfo.newCounter, deps.now());
      return repo.findUserById(db, passkey.userId);
    },
  };
}
