// Who may work the home-delivery pharmacy's queues (orders, transfers, doctor requests): pharmacy staff whose
// pharmacy is a home-delivery pharmacy. Each queue shows only its own pharmacy's work.
import { schema } from '@openpbm/db';
import { eq } from 'drizzle-orm';
import type { AppDeps } from '../app-deps';
import type { Principal } from '../identity/principal';
import { forbidden } from '../platform/problem';

/** The signed-in staff member's home-delivery pharmacy, or 403 saying what the page is for. */
export async function homeDeliveryPharmacyOf(deps: AppDeps, principal: Principal, refusal: string) {
  if (!principal.pharmacyId) throw forbidden();
  const [pharmacy] = await deps.db.db
    .select()
    .from(schema.pharmacies)
    .where(eq(schema.pharmacies.id, principal.pharmacyId));
  if (!pharmacy?.homeDelivery) throw forbidden(refusal);
  return pharmacy;
}
