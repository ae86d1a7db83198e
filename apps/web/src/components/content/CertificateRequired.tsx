import { Alert } from '@cmsgov/design-system';
import { ApiError } from '../api/client';

/** What the server's 401 certificate-required problem carries besides the RFC 9457 members (certificates/required.ts). */
interface CertificateProblem {
  reason?: string;
  certificatePage?: string;
  secureToolsUrl?: string;
}

/** The certificate-required problem of an error, or null for any other error. */
export function certificateProblem(error: unknown): CertificateProblem | null {
  if (!(error instanceof ApiError) || error.type !== 'certificate-required') return null;
  return error.problem as CertificateProblem;
}

/** This page at the secure-tools address (same path and query, the mTLS listener's origin). */
function hereAtSecureTools(secureToolsUrl: string): string {
  const { pathname, search } = window.location;
  return new URL(`${pathname}${search}`, secureToolsUrl).toString();
}

/**
 * A secure client tool opened without the client certificate (the ordinary address, or a certificate that is
 * revoked, expired or another user's): why, and the way on: get or renew the certificate, install it, open this
 * page at the secure-tools address.
 */
export function CertificateRequired({ problem }: { problem: CertificateProblem }) {
  const atSecureTools = problem.secureToolsUrl ? hereAtSecureTools(problem.secureToolsUrl) : null;
  const onSecureTools =
    problem.secureToolsUrl && new URL(problem.secureToolsUrl).origin === window.location.origin;
  return (
    <Alert heading="This tool needs your client certificate" headingLevel="2" role="status">
      <p>
        The secure tools open only with the digital certificate issued to you, as well as your password.
        {problem.reason ? ` ${problem.reason}` : ''}
      </p>
      <ol>
        <li>
          <a href={problem.certificatePage ?? '/clients/certificates'}>Get or renew your certificate</a> on
          the Certificates page (it lasts one year).
        </li>
        <li>Install it in this browser or on this computer, with the passphrase you chose for the file.</li>
        <li>
          {atSecureTools && !onSecureTools ? (
            <a href={atSecureTools}>Open this page at the secure-tools address</a>
          ) : (
            'Open this page again at the secure-tools address'
          )}
          {problem.secureToolsUrl ? (
            <>
              {' '}
              (<code>{new URL(problem.secureToolsUrl).origin}</code>)
            </>
          ) : null}
          ; your browser asks which certificate to present.
        </li>
      </ol>
    </Alert>
  );
}
