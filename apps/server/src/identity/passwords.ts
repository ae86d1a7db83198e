// Password hashing: argon2id (m=19456 KiB, t=2, p=1: the OWASP minimum) via @node-rs/argon2, PHC strings stored.
// The same hashing protects challenge answers and recovery codes.
import { type Algorithm, hash, verify } from '@node-rs/argon2';

const ARGON2ID = 2 as Algorithm; // Algorithm.Argon2id (an ambient const enum cannot be read under isolatedModules)

export const ARGON2_OPTIONS = {
  algorithm: ARGON2ID,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export const hashSecret = (secret: string): Promise<string> => hash(secret, ARGON2_OPTIONS);

export async function verifySecret(phc: string | null | undefined, secret: string): Promise<boolean> {
  if (!phc) {
    // Spend the same time as a real check, so a missing hash cannot be told apart by timing.
    await verify(await dummyHash(), secret).catch(() => false);
    return false;
  }
  try {
    return await verify(phc, secret);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
const dummyHash = (): Promise<string> => {
  dummy ??= hashSecret('openpbm-dummy-password-for-timing');
  return dummy;
};
