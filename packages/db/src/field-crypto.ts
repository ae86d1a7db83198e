// Encryption at rest for identifying member fields (member ID, date of birth, addresses) and HMAC blind
// indexes so equality lookups work without decrypting. node:crypto only.
//
// Stored format: "v1.<keyId>.<iv>.<ciphertext>.<tag>" (base64url parts). AES-256-GCM with a random 96-bit IV;
// the caller's context (e.g. "members.date_of_birth") is the additional authenticated data, so a value copied
// into another column or table fails to decrypt. Encryption and indexing use separate HKDF-derived subkeys of
// FIELD_ENCRYPTION_KEY; the key id lets a later key rotation decrypt values written under the previous key.
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  hkdfSync,
  type KeyObject,
  randomFillSync,
} from 'node:crypto';
import { loadConfig } from '@openpbm/shared/config';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface FieldKey {
  /** First 8 hex characters of an HMAC of the master key: names the key without revealing it. */
  readonly id: string;
  readonly encryptionKey: Buffer;
  readonly indexKey: Buffer;
}

/** Derives the encryption and blind-index subkeys from a 32-byte key given as 64 hex characters. */
export function deriveFieldKey(masterKeyHex: string): FieldKey {
  if (!/^[0-9a-f]{64}$/i.test(masterKeyHex)) throw new RangeError('field key must be 64 hex characters');
  const master = Buffer.from(masterKeyHex, 'hex');
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
  return {
    id: createHmac('sha256', master).update('openpbm field key id').digest('hex').slice(0, 8),
    encryptionKey: derive('openpbm field encryption v1'),
    indexKey: derive('openpbm blind index v1'),
  };
}

const fromConfigCache = new Map<string, FieldKey>();

/** The key configured in FIELD_ENCRYPTION_KEY (derived once per process). */
export function fieldKeyFromConfig(config: { FIELD_ENCRYPTION_KEY: string } = loadConfig()): FieldKey {
  const hex = config.FIELD_ENCRYPTION_KEY;
  let key = fromConfigCache.get(hex);
  if (!key) {
    key = deriveFieldKey(hex);
    fromConfigCache.set(hex, key);
  }
  return key;
}

export class FieldDecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FieldDecryptionError';
  }
}

// IVs come from a block of random bytes filled at once: one randomFillSync per 4,096 values instead of one per
// value (a 100,000-member file encrypts 300,000). Each IV is still 96 fresh random bits, never reused.
const IV_BLOCK = Buffer.alloc(IV_BYTES * 4096);
let ivAt = IV_BLOCK.length;
function nextIv(): Buffer {
  if (ivAt + IV_BYTES > IV_BLOCK.length) {
    randomFillSync(IV_BLOCK);
    ivAt = 0;
  }
  const iv = IV_BLOCK.subarray(ivAt, ivAt + IV_BYTES);
  ivAt += IV_BYTES;
  return iv;
}

// The AES key imported once per FieldKey (createCipheriv with a Buffer imports it on every call).
const cipherKeys = new WeakMap<FieldKey, KeyObject>();
function cipherKeyOf(key: FieldKey): KeyObject {
  let k = cipherKeys.get(key);
  if (!k) {
    k = createSecretKey(key.encryptionKey);
    cipherKeys.set(key, k);
  }
  return k;
}
const contextBytes = new Map<string, Buffer>();
const aadOf = (context: string) => {
  let b = contextBytes.get(context);
  if (!b) {
    b = Buffer.from(context, 'utf8');
    contextBytes.set(context, b);
  }
  return b;
};

export function encryptField(key: FieldKey, plaintext: string, context: string): string {
  const iv = nextIv();
  const cipher = createCipheriv('aes-256-gcm', cipherKeyOf(key), iv);
  cipher.setAAD(aadOf(context));
  // The IV is written out before the block can be refilled (all of this is synchronous).
  const ivText = iv.toString('base64url');
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return `${VERSION}.${key.id}.${ivText}.${ciphertext.toString('base64url')}.${tag.toString('base64url')}`;
}

/**
 * Decrypts with whichever of `keys` wrote the value (current key first, then retired ones during a rotation).
 * Throws FieldDecryptionError when the value was altered, belongs to another context, or no key matches.
 */
export function decryptField(keys: FieldKey | readonly FieldKey[], stored: string, context: string): string {
  const parts = stored.split('.');
  if (parts.length !== 5 || parts[0] !== VERSION)
    throw new FieldDecryptionError('not an encrypted field value');
  const [, keyId, ivPart, ciphertextPart, tagPart] = parts as [string, string, string, string, string];
  const key = (Array.isArray(keys) ? keys : [keys as FieldKey]).find((k) => k.id === keyId);
  if (!key) throw new FieldDecryptionError(`no field key with id ${keyId}`);
  const iv = Buffer.from(ivPart, 'base64url');
  const tag = Buffer.from(tagPart, 'base64url');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new FieldDecryptionError('malformed value');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.encryptionKey, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([
      decipher.update(Buffer.from(ciphertextPart, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    throw new FieldDecryptionError('field value failed authentication (tampered or wrong context)');
  }
}

/**
 * Keyed HMAC-SHA256 of already-normalized parts, base64url (43 characters). Deterministic, so it can be indexed
 * and compared; the context keeps indexes of different fields unrelated. Parts are joined with a separator
 * that cannot occur in them, so ("ab", "c") and ("a", "bc") differ.
 */
export function blindIndex(key: FieldKey, context: string, ...parts: string[]): string {
  const mac = createHmac('sha256', key.indexKey).update(context, 'utf8');
  for (const part of parts) mac.update('\u001f', 'utf8').update(part, 'utf8');
  return mac.digest('base64url');
}

/** Member IDs compare without case, spaces or dashes ("opb 1234-56" = "OPB123456"). */
export const normalizeMemberNumber = (memberNumber: string): string =>
  memberNumber.toUpperCase().replace(/[\s-]/g, '');

/** Last names compare without case, accents, spaces or punctuation ("O'Brien-Núñez" = "obriennunez"). */
export const normalizeLastName = (lastName: string): string =>
  lastName
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

export function memberNumberIndex(key: FieldKey, memberNumber: string): string {
  return blindIndex(key, 'members.member_number', normalizeMemberNumber(memberNumber));
}

/** Account activation finds a member by last name + date of birth (YYYY-MM-DD) + 5-digit ZIP. */
export function activationIndex(key: FieldKey, lastName: string, dateOfBirth: string, zip: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dateOfBirth)) throw new RangeError('dateOfBirth must be YYYY-MM-DD');
  const zip5 = zip.trim().slice(0, 5);
  if (!/^\d{5}$/.test(zip5)) throw new RangeError('zip must start with 5 digits');
  return blindIndex(key, 'members.activation', normalizeLastName(lastName), dateOfBirth, zip5);
}

/** Contexts (AAD) of the encrypted columns, one per column so values cannot be swapped between them. */
export const FIELD_CONTEXTS = {
  memberNumber: 'members.member_number',
  dateOfBirth: 'members.date_of_birth',
  addressLine1: 'members.address_line1',
  addressLine2: 'members.address_line2',
  orderShippingAddress: 'orders.shipping_address',
  claimRawRequest: 'claims.raw_request',
  claimRawResponse: 'claims.raw_response',
  otherCoverageCardholderId: 'member_other_coverage.cardholder_id',
  oidcSigningKey: 'oidc_signing_keys.private_jwk',
  oidcClientSecret: 'oidc_payloads.client_secret',
} as const;
