// @peculiar/x509 2.x resolves its algorithms through tsyringe, which needs a Reflect polyfill loaded first:
// every file of this domain imports x509 from here, never from the package directly.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export { x509 };
