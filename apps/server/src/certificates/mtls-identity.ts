// What the mTLS listener learned about a request's client certificate, carried on the raw request into the app.
// Only the listener sets it (after the TLS stack verified the chain and CRL and the database found the serial
// active); requests on the ordinary port never carry it.
import type { IncomingMessage } from 'node:http';
import type { CertificateRow } from './ca-repo';

const PRESENTED = Symbol('openpbm.clientCertificate');

export function markPresented(req: IncomingMessage, row: CertificateRow): void {
  (req as IncomingMessage & { [PRESENTED]?: CertificateRow })[PRESENTED] = row;
}

/** The verified certificate the request came with, or undefined (ordinary port, or none). */
export function presentedCertificate(req: IncomingMessage): CertificateRow | undefined {
  return (req as IncomingMessage & { [PRESENTED]?: CertificateRow })[PRESENTED];
}
