// A VaultStore kept in a Map: for the application's integration tests, which need a real vault server (signed
// HTTP, sealing, detokenization) but not a second database engine starting in every test file. Never used by
// `npm run vault` or the embedded child process.
import type { CardRecord, VaultStore } from './store';

export function createMemoryVaultStore(): VaultStore & {
  accessLog: Array<{ token: string; action: string; purpose: string | null }>;
} {
  const cards = new Map<string, CardRecord>();
  const accessLog: Array<{ token: string; action: string; purpose: string | null }> = [];
  return {
    accessLog,
    insert: async (record) => {
      cards.set(record.token, { ...record });
    },
    find: async (token) => cards.get(token) ?? null,
    remove: async (token) => cards.delete(token),
    logAccess: async (token, action, purpose) => {
      accessLog.push({ token, action, purpose });
    },
    count: async () => cards.size,
    close: async () => {},
  };
}
