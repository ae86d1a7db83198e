// SHARED TEST SET-UP for the member-pharmacy files (orders, auto-refill, home-delivery fills): a test app with a
// real card vault and the benefits fixture, its clock at 2026-03-10 15:00 UTC. Sessions outlive weeks of moved
// clock, since these files move it.
import type { DatabaseHandle } from '@openpbm/db';
import { type BenefitsFixture, buildBenefitsFixture } from '../fixtures/benefits';
import { createTestApp, type TestApp } from '../harness';
import { startTestVault, type TestVault } from '../vault';

export interface PharmacyWorld {
  t: TestApp;
  vault: TestVault;
  f: BenefitsFixture;
  close(): Promise<void>;
}

/** `adjust` changes the fixture's rows before the app starts (e.g. a drug that is not a maintenance drug). */
export async function startPharmacyWorld(
  adjust?: (db: DatabaseHandle, f: BenefitsFixture) => Promise<void>,
): Promise<PharmacyWorld> {
  const vault = await startTestVault();
  let fixture: BenefitsFixture | undefined;
  const t = await createTestApp({
    now: new Date('2026-03-10T15:00:00Z'),
    env: { SESSION_IDLE_MINUTES: '200000', SESSION_ABSOLUTE_HOURS: '5000' },
    vault: vault.client,
    prepare: async (db) => {
      fixture = await buildBenefitsFixture(db.db);
      await adjust?.(db, fixture);
    },
  });
  if (!fixture) throw new Error('the benefits fixture was not built');
  return {
    t,
    vault,
    f: fixture,
    async close() {
      await t.close();
      await vault.close();
    },
  };
}

/** The payment attempts of an order, oldest first (status and amount only). */
export async function orderPayments(t: TestApp, orderId: string) {
  const { rows } = await t.db.sql.query<{ status: string; amount_cents: number }>(
    'select status, amount_cents from order_payments where order_id = $1 order by created_at',
    [orderId],
  );
  return rows;
}
