// Reads and checks a PKCS#10 certificate request before the CA signs anything for it: it must parse, carry a
// valid self-signature (proof the requester holds the key), use RSA of 2048+ bits or ECDSA on P-256/P-384, and
// name no one but the requester. The CA then writes its own subject; nothing else from the request is copied.
import { createPublicKey } from 'node:crypto';
import type { FieldError } from '@openpbm/shared';
import { x509 } from './x509';

export interface Requester {
  userId: string;
  username: string;
  clientId: string;
  clientCode: string;
  clientName: string;
}

export type CsrCheck = { ok: true; csr: x509.Pkcs10CertificateRequest } | { ok: false; errors: FieldError[] };

const CURVES: Record<string, string> = { prime256v1: 'P-256', secp384r1: 'P-384' };

export function parseCsr(text: string): x509.Pkcs10CertificateRequest | null {
  const trimmed = text.trim();
  try {
    return new x509.Pkcs10CertificateRequest(
      trimmed.startsWith('-----') ? trimmed : Buffer.from(trimmed, 'base64').buffer,
    );
  } catch {
    return null;
  }
}

/** The key's own check: RSA 2048 bits or more, or an EC key on P-256 or P-384. Null when it passes. */
export function keyProblem(csr: x509.Pkcs10CertificateRequest): string | null {
  let key: ReturnType<typeof createPublicKey>;
  try {
    key = createPublicKey({ key: Buffer.from(csr.publicKey.rawData), format: 'der', type: 'spki' });
  } catch {
    return 'The public key in the request cannot be read.';
  }
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'rsa') {
    const bits = details.modulusLength ?? 0;
    return bits >= 2048 ? null : `An RSA key must have at least 2048 bits; this one has ${bits}.`;
  }
  if (key.asymmetricKeyType === 'ec') {
    const curve = CURVES[details.namedCurve ?? ''];
    return curve
      ? null
      : `An elliptic-curve key must be on P-256 or P-384, not ${details.namedCurve ?? 'this curve'}.`;
  }
  return `Use an RSA (2048+ bits) or ECDSA P-256/P-384 key, not ${key.asymmetricKeyType ?? 'this key type'}.`;
}

/** Subject values the request may carry: its own user and client, nothing else. */
function subjectProblems(csr: x509.Pkcs10CertificateRequest, who: Requester): string[] {
  const problems: string[] = [];
  const name = csr.subjectName.toJSON();
  const mine = (v: string, allowed: string[]) =>
    allowed.some((a) => a.toLowerCase() === v.trim().toLowerCase());
  for (const rdn of name)
    for (const [type, values] of Object.entries(rdn))
      for (const value of values) {
        if (type === 'CN' && !mine(value, [who.username, who.userId]))
          problems.push(`The subject names the user "${value}"; it may name only you (${who.username}).`);
        if (
          (type === 'O' || type === 'OU') &&
          !mine(value, [who.clientCode, who.clientName, 'OpenPBM Client Access'])
        )
          problems.push(`The subject names the organization "${value}"; it may name only ${who.clientName}.`);
        if (type === 'E' || type === '1.2.840.113549.1.9.1')
          problems.push('Leave the e-mail address out of the subject.');
      }
  const san = csr.extensions.find((e) => e.type === '2.5.29.17');
  const names = san ? new x509.SubjectAlternativeNameExtension(san.rawData).names.toJSON() : [];
  for (const n of names)
    if (n.type !== 'url' || n.value !== userUri(who.clientId, who.userId))
      problems.push(`The alternative name ${n.type}:${n.value} does not belong to you.`);
  return problems;
}

export const userUri = (clientId: string, userId: string) => `urn:openpbm:client:${clientId}:user:${userId}`;
export const serviceUri = (clientId: string, name: string) =>
  `urn:openpbm:client:${clientId}:service:${name}`;

export async function checkCsr(text: string, who: Requester): Promise<CsrCheck> {
  const csr = parseCsr(text);
  if (!csr)
    return {
      ok: false,
      errors: [
        { field: 'csr', message: 'This is not a PKCS#10 certificate request (PEM "CERTIFICATE REQUEST").' },
      ],
    };
  let signed = false;
  try {
    signed = await csr.verify();
  } catch {
    signed = false;
  }
  const errors: FieldError[] = [];
  const key = keyProblem(csr);
  if (key) errors.push({ field: 'csr.publicKey', message: key });
  else if (!signed)
    errors.push({
      field: 'csr.signature',
      message: 'The request is not signed by its own key; make it again.',
    });
  for (const message of subjectProblems(csr, who)) errors.push({ field: 'csr.subject', message });
  return errors.length ? { ok: false, errors } : { ok: true, csr };
}
