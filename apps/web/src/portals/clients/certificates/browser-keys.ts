// The client certificate's key, made in this browser with WebCrypto, and what is built from it here: the PKCS#10
// request sent to the server (public key and signature only) and, for the PKCS#12 option, the passphrase-locked
// file the user downloads. The private key is never sent anywhere. PKIjs (PeculiarVentures, maintained, the same
// family as the server's @peculiar/x509) does both the request and the PKCS#12 structures on top of WebCrypto.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

export type Curve = 'P-256' | 'P-384';
const HASH: Record<Curve, string> = { 'P-256': 'SHA-256', 'P-384': 'SHA-384' };

/**
 * A new ECDSA key pair. `extractable: false` for the key that stays in this browser (WebCrypto refuses to export
 * it, even to this page); the PKCS#12 option needs `true` to put the key in the file.
 */
export function generateKeys(curve: Curve, extractable: boolean): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: curve }, extractable, ['sign', 'verify']);
}

const pem = (label: string, der: ArrayBuffer) => {
  const b64 = btoa(String.fromCharCode(...new Uint8Array(der)));
  return `-----BEGIN ${label}-----\n${b64.replace(/(.{64})/g, '$1\n').trim()}\n-----END ${label}-----\n`;
};

/** A PKCS#10 request with an empty subject (the server writes the subject) signed by the key. */
export async function certificateRequest(keys: CryptoKeyPair, curve: Curve): Promise<string> {
  const csr = new pkijs.CertificationRequest();
  await csr.subjectPublicKeyInfo.importKey(keys.publicKey);
  await csr.sign(keys.privateKey, HASH[curve]);
  return pem('CERTIFICATE REQUEST', csr.toSchema().toBER(false));
}

/** The DER bodies of the PEM blocks in `text`, in order. */
export function pemBlocks(text: string): ArrayBuffer[] {
  return [...text.matchAll(/-----BEGIN [A-Z ]+-----([^-]+)-----END [A-Z ]+-----/g)].map((m) => {
    const bin = atob((m[1] ?? '').replace(/\s+/g, ''));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0)).buffer;
  });
}

const localKeyId = (id: ArrayBuffer) =>
  new pkijs.Attribute({ type: '1.2.840.113549.1.9.21', values: [new asn1js.OctetString({ valueHex: id })] });
const friendlyName = (name: string) =>
  new pkijs.Attribute({ type: '1.2.840.113549.1.9.20', values: [new asn1js.BmpString({ value: name })] });

/**
 * A PKCS#12 file: the private key encrypted with PBES2 (PBKDF2-SHA-256, AES-256-CBC) under the passphrase, the
 * certificate chain, and an HMAC-SHA-256 integrity check keyed from the same passphrase (what OpenSSL 3, Node's
 * `pfx` option, Windows and macOS read).
 */
export async function pkcs12(
  privateKey: CryptoKey,
  chainPem: string,
  passphrase: string,
  name: string,
): Promise<ArrayBuffer> {
  if (!passphrase) throw new Error('A PKCS#12 file needs a passphrase.');
  const password = new TextEncoder().encode(passphrase).buffer as ArrayBuffer;
  const keyInfo = pkijs.PrivateKeyInfo.fromBER(await crypto.subtle.exportKey('pkcs8', privateKey));
  const [leaf, ...chain] = pemBlocks(chainPem).map((der) => pkijs.Certificate.fromBER(der));
  if (!leaf) throw new Error('The certificate is missing.');
  const id = crypto.getRandomValues(new Uint8Array(8)).buffer as ArrayBuffer;
  const keyBag = new pkijs.PKCS8ShroudedKeyBag({ parsedValue: keyInfo });
  await keyBag.makeInternalValues({
    password,
    // PKIjs draws a fresh random IV itself (its type still asks for one).
    contentEncryptionAlgorithm: { name: 'AES-CBC', length: 256 } as pkijs.ContentEncryptionAlgorithm,
    hmacHashAlgorithm: 'SHA-256',
    iterationCount: 100_000,
  });
  const certBag = (cert: pkijs.Certificate, attrs: pkijs.Attribute[]) =>
    new pkijs.SafeBag({
      bagId: '1.2.840.113549.1.12.10.1.3',
      bagValue: new pkijs.CertBag({ parsedValue: cert }),
      bagAttributes: attrs,
    });
  const pfx = new pkijs.PFX({
    parsedValue: {
      integrityMode: 0, // password-based integrity
      authenticatedSafe: new pkijs.AuthenticatedSafe({
        parsedValue: {
          safeContents: [
            {
              privacyMode: 0, // the key bag is encrypted itself; certificates are public
              value: new pkijs.SafeContents({
                safeBags: [
                  new pkijs.SafeBag({
                    bagId: '1.2.840.113549.1.12.10.1.2',
                    bagValue: keyBag,
                    bagAttributes: [friendlyName(name), localKeyId(id)],
                  }),
                  certBag(leaf, [friendlyName(name), localKeyId(id)]),
                  ...chain.map((c) => certBag(c, [])),
                ],
              }),
            },
          ],
        },
      }),
    },
  });
  await pfx.parsedValue?.authenticatedSafe?.makeInternalValues({ safeContents: [{}] });
  await pfx.makeInternalValues({
    password,
    iterations: 2048,
    pbkdf2HashAlgorithm: { name: 'SHA-256' },
    hmacHashAlgorithm: 'SHA-256',
  });
  return pfx.toSchema().toBER(false);
}

/** Saves bytes or text as a file through a temporary object URL. */
export function download(name: string, data: ArrayBuffer | string, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
