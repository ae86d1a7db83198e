// A VaultStore kept in a Map: for the application's integration tests, which need a real vault server (signed
// HTTP, sealing, charges) but not a second database engine starting in every test file. Never used by
// `npm run vault` or the embedded child process.
import type { CardRecord, ChargeRecord, VaultStore } from './store';

export function createMemoryVaultStore(): VaultStore & {
  accessLog: Array<{ token: string; action: string; purpose: string | null }>;
  charges: Map<string, ChargeRecord>;
} {
  const cards = new Map<string, CardRecord>();
  const charges = new Map<string, ChargeRecord>();
  const copy = (c: ChargeRecord) => ({ ...c });
  const accessLog: Array<{ token: string; action: string; purpose: string | null }> = [];
  return {
    accessLog,
    charges,
    insert: async (record) => {
      cards.set(record.token, { ...record });
    },
    find: async (token) => cards.get(token) ?? null,
    remove: async (token) => cards.delete(token),
    logAccess: async (token, action, purpose) => {
      accessLog.push({ token, action, purpose });
    },
    count: async () => cards.size,
    startCharge: async (c) => {
      const existing = charges.get(c.idempotencyKey);
      if (existing) return { created: false, charge: copy(existing) };
      const charge: ChargeRecord = {
        ...c,
        status: 'pending',
        processorReference: null,
        declineCode: null,
        updatedAt: new Date(),
      };
      charges.set(c.idempotencyKey, charge);
      return { created: true, charge: copy(charge) };
    },
    retakeCharge: async (key, before) => {
      const charge = charges.get(key);
      if (charge?.status !== 'pending' || charge.updatedAt >= before) return false;
      charge.updatedAt = new Date();
      return true;
    },
    finishCharge: async (key, result) => {
      const charge = charges.get(key);
      if (!charge) throw new Error('charge key vanished');
      Object.assign(charge, {
        status: result.status,
        processorReference: result.status === 'captured' ? result.processorReference : null,
        declineCode: result.status === 'declined' ? result.declineCode : null,
        updatedAt: new Date(),
      });
      return copy(charge);
    },
    findCharge: async (key) => {
      const charge = charges.get(key);
      return charge ? copy(charge) : null;
    },
    close: async () => {},
  };
}
