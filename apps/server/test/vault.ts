// USED BY OTHER TESTS: a real card vault server on loopback (signed requests, AES-256-GCM sealing) with an
// in-memory store, and the client the app uses. Pass `vault.client` to createTestApp({ vault }).
import { randomBytes } from 'node:crypto';
import { createVaultClient, type VaultClient } from '@openpbm/vault';
import { createMemoryVaultStore } from '@openpbm/vault/memory-store';
import { listenVault } from '@openpbm/vault/server';

export interface TestVault {
  client: VaultClient;
  store: ReturnType<typeof createMemoryVaultStore>;
  url: string;
  close(): Promise<void>;
}

export async function startTestVault(): Promise<TestVault> {
  const callerSecret = randomBytes(32).toString('base64url');
  const store = createMemoryVaultStore();
  const running = await listenVault(
    { callerSecret, encryptionKeyHex: randomBytes(32).toString('hex'), host: '127.0.0.1', port: 0 },
    store,
  );
  return {
    client: createVaultClient(running.url, callerSecret),
    store,
    url: running.url,
    close: running.close,
  };
}
