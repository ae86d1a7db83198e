// AES-256-GCM for card data at rest in the vault's database. The subkey is derived (HKDF) from the vault's own
// key; each record's token is the additional authenticated data, so a ciphertext moved to another token fails.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

export interface VaultKey {
  id: string;
  key: Buffer;
  /** HMAC key for card fingerprints (a separate subkey: a fingerprint reveals nothing about the sealing key). */
  fingerprintKey: Buffer;
}

export function deriveVaultKey(masterHex: string): VaultKey {
  const master = Buffer.from(masterHex, 'hex');
  return {
    id: createHmac('sha256', master).update('openpbm vault key id').digest('hex').slice(0, 8),
    key: Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'openpbm vault card encryption v1', 32)),
    fingerprintKey: Buffer.from(
      hkdfSync('sha256', master, Buffer.alloc(0), 'openpbm vault card fingerprint v1', 32),
    ),
  };
}

/**
 * The same card number always gives the same fingerprint, so the application can tell a card already on file
 * without ever holding the number. Keyed (HMAC), unlike a plain hash: card numbers are few enough to brute-force.
 */
export function cardFingerprint(key: VaultKey, cardNumber: string): string {
  return `fp_${createHmac('sha256', key.fingerprintKey).update(cardNumber).digest('base64url')}`;
}

export function seal(key: VaultKey, plaintext: string, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [
    'v1',
    key.id,
    iv.toString('base64url'),
    body.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
  ].join('.');
}

export function open(key: VaultKey, sealed: string, aad: string): string {
  const [version, keyId, iv, body, tag] = sealed.split('.');
  if (version !== 'v1' || keyId !== key.id || !iv || !body || !tag)
    throw new Error('unknown vault key or format');
  const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64url'), {
    authTagLength: 16,
  });
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

export const newCardToken = (): string => `tok_${randomBytes(24).toString('base64url')}`;
