// The one answer when a secure tool is asked for without the right client certificate: 401 certificate-required,
// saying why and how to get or renew one, with two links a page (or a script) can follow: the Certificates page
// of the client portal, and the secure-tools address (the mTLS listener, CLIENT_TLS_URL when set).
import type { IncomingMessage } from 'node:http';
import type { Config } from '@openpbm/shared/config';
import { ProblemError } from '../platform/problem';
import { presentedCertificate } from './mtls-identity';

const HOW =
  'Get or renew a certificate on the Certificates page of the client portal (/clients/certificates), install it, and open the secure tools at the secure-tools address with it (docs/client-certificates.md).';

type Links = Pick<Config, 'publicUrl' | 'clientTlsUrl'>;

export const certificateRequired = (detail: string, config?: Links) =>
  new ProblemError(
    401,
    'certificate-required',
    'Client certificate required',
    `${detail} ${HOW}`,
    undefined,
    config
      ? {
          // The reason alone, for a page that explains the way on in its own words.
          reason: detail,
          certificatePage: `${config.publicUrl}/clients/certificates`,
          ...(config.clientTlsUrl ? { secureToolsUrl: `${config.clientTlsUrl}/clients` } : {}),
        }
      : undefined,
  );

/**
 * A secure tool needs the signed-in user's own certificate (checked against the session by the certificates
 * routes' hook), so a request on the ordinary port, which never carries one, is refused with the way to get one.
 */
export function requirePresentedCertificate(raw: IncomingMessage, config: Links): void {
  if (presentedCertificate(raw)) return;
  throw certificateRequired(
    'The secure client tools answer only on the secure-tools address, with your client certificate.',
    config,
  );
}
