// Passkey ceremonies in the browser (@simplewebauthn/browser) against the identity API.
import {
  browserSupportsWebAuthn,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  startAuthentication,
  startRegistration,
} from '@simplewebauthn/browser';
import { postJson, UserFacingError } from '../components/api/client';
import type { SignInResult } from './types';

export const passkeysSupported = (): boolean => browserSupportsWebAuthn();

/** Passwordless, or the second step after a password when a partial session exists. */
export async function signInWithPasskey(): Promise<SignInResult> {
  const { challengeId, options } = await postJson<{
    challengeId: string;
    options: PublicKeyCredentialRequestOptionsJSON;
  }>('/api/identity/sign-in/passkey/options');
  const response = await ceremony(() => startAuthentication({ optionsJSON: options }));
  return postJson<SignInResult>('/api/identity/sign-in/passkey', { challengeId, response });
}

export async function createPasskey(name: string): Promise<{ recoveryCodes: string[] | null }> {
  const { challengeId, options } = await postJson<{
    challengeId: string;
    options: PublicKeyCredentialCreationOptionsJSON;
  }>('/api/identity/account/passkeys/options');
  const response = await ceremony(() => startRegistration({ optionsJSON: options }));
  return postJson('/api/identity/account/passkeys', { challengeId, name, response });
}

/** The browser's own message when the user cancels or no authenticator answers is not useful to show. */
async function ceremony<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Error && (error.name === 'NotAllowedError' || error.name === 'AbortError')) {
      throw new UserFacingError('The passkey request was cancelled or timed out.');
    }
    throw error;
  }
}
