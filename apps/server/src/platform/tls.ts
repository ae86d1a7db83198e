// TLS settings for every listener (HTTPS and the claims TCP switch): TLS 1.2 or 1.3 only, and on TLS 1.2 only
// ECDHE key exchange (forward secrecy) with an AEAD cipher (AES-GCM or ChaCha20-Poly1305). Node's default list
// also offers static-RSA and CBC suites on TLS 1.2. TLS 1.3 suites are all ECDHE + AEAD and stay as Node sets them.
import { readFileSync } from 'node:fs';
import type { SecureContextOptions, TlsOptions } from 'node:tls';

export const TLS12_CIPHERS = [
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
];

/** Hardening for a certificate and key already read. */
export function hardenedTls(keyPair: Pick<SecureContextOptions, 'cert' | 'key'>): TlsOptions {
  return {
    ...keyPair,
    minVersion: 'TLSv1.2',
    // Setting `ciphers` replaces only the TLS 1.2 list; TLS 1.3 suites are configured apart (ciphersuites).
    ciphers: TLS12_CIPHERS.join(':'),
    honorCipherOrder: true,
  };
}

/** The server's TLS options from TLS_CERT_FILE/TLS_KEY_FILE, or null when it speaks plain TCP. */
export function tlsOptionsFromConfig(config: {
  TLS_CERT_FILE?: string | undefined;
  TLS_KEY_FILE?: string | undefined;
}): TlsOptions | null {
  if (!config.TLS_CERT_FILE || !config.TLS_KEY_FILE) return null;
  return hardenedTls({ cert: readFileSync(config.TLS_CERT_FILE), key: readFileSync(config.TLS_KEY_FILE) });
}
