// Test factories: small builders with overrides and unique data per call, bound to one test database.
//
//   const make = factories(t.db.db);
//   const plan = await make.aPlan();
//   const drug = await make.aDrug({ plan, tier: 2 });
//   const member = await make.aMember({ plan, age: 17 });          // a new client on `plan` unless `client` given
//   const spouse = await make.aMember({ subscriber: member });
//   const pharmacy = await make.aPharmacy({ plan });                // in the plan's network
//   const user = await make.aPharmacyUser({ pharmacy });
//   await make.aClaim({ member, ndc: drug.ndc, pharmacy });
//
// Each call inserts only what it needs; prefer these to the shared benefits fixture (fixtures/benefits.ts) unless
// a test really needs that whole world (its drugs' prices, DUR pairs and cost shares are what the claims and
// price-check tests assert).
import type { Database } from '@openpbm/db';
import { type FieldKey, fieldKeyFromConfig } from '@openpbm/db/field-crypto';
import { loadConfig } from '@openpbm/shared/config';
import { aClaim, type ClaimOverrides } from './claims';
import {
  aMember,
  aPharmacy,
  aPharmacyUser,
  aPrescriber,
  type MemberOverrides,
  type PharmacyOverrides,
  type PharmacyRef,
} from './people';
import { aClient, aDrug, aPlan, type DrugOverrides, type PlanOverrides, type PlanRef } from './plans';

export type { ClaimOverrides } from './claims';
export type { MemberOverrides, MemberRef, PharmacyRef } from './people';
export { AGE_AS_OF } from './people';
export type { ClientRef, DrugRef, PlanRef } from './plans';

export function factories(db: Database, options: { fieldKey?: FieldKey } = {}) {
  const key = options.fieldKey ?? fieldKeyFromConfig(loadConfig({ NODE_ENV: 'test' }));
  return {
    aPlan: (o?: PlanOverrides) => aPlan(db, o),
    aClient: (o?: { plan?: PlanRef; name?: string }) => aClient(db, o),
    aDrug: (o?: DrugOverrides) => aDrug(db, o),
    aMember: (o?: MemberOverrides) => aMember(db, key, o),
    aPharmacy: (o?: PharmacyOverrides) => aPharmacy(db, o),
    aPharmacyUser: (o?: { pharmacy?: PharmacyRef; homeDelivery?: boolean }) => aPharmacyUser(db, o),
    aPrescriber: (o?: { lastName?: string }) => aPrescriber(db, o),
    aClaim: (o: ClaimOverrides) => aClaim(db, o),
  };
}

export type Factories = ReturnType<typeof factories>;
