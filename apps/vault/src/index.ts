// The card vault: its own process and database (see README.md). The application imports only the client and,
// in embedded mode, the child-process starter.
export { startVaultChild, type VaultChild } from './child-process';
export {
  type ChargeRequest,
  createVaultClient,
  type TokenizedCard,
  type VaultCharge,
  type VaultClient,
  VaultError,
} from './client';
