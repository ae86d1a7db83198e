// TOTP (RFC 6238) through otplib: 6 digits, 30-second steps, ±1 step of clock drift, and single use: a code is
// accepted only for a time step later than the last accepted one.
import { generate, generateSecret, generateURI, verify } from 'otplib';

export const TOTP_ISSUER = 'OpenPBM';

export const newTotpSecret = (): string => generateSecret();

export const totpUri = (secret: string, label: string): string =>
  generateURI({ issuer: TOTP_ISSUER, label, secret });

/** The accepted time step, or null when the code is wrong, stale or already used. */
export async function checkTotp(
  secret: string,
  code: string,
  now: Date,
  lastUsedStep: number | null,
): Promise<number | null> {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const result = await verify({
    secret,
    token,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: 30,
    ...(lastUsedStep !== null ? { afterTimeStep: lastUsedStep } : {}),
  });
  return result.valid ? (result as { timeStep: number }).timeStep : null;
}

/** For tests and the e2e journey: the code an authenticator app would show at `now`. */
export const totpCodeAt = (secret: string, now: Date): Promise<string> =>
  generate({ secret, epoch: Math.floor(now.getTime() / 1000) });
