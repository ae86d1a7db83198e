// Writes the drug reference data (classes, equivalence groups, products, prices, interactions) for the catalog.

import type { ReferenceData } from '../reference/types';
import { drugGroups, drugInteractions, drugPrices, drugProducts, therapeuticClasses } from '../schema/index';
import type { BulkLoader } from './bulk';
import type { DrugCatalog } from './drug-catalog';
import type { SeedIds } from './prng';

/**
 * `historyStart`: the first seeded date of service. Real NADAC files hold only the latest price per NDC, which
 * may be newer than the seeded history; such a price is also written as in force from `historyStart`, with a
 * source that says it was carried back, so every seeded claim has a price on its date of service.
 */
export async function writeReferenceData(
  loader: BulkLoader,
  reference: ReferenceData,
  catalog: DrugCatalog,
  ids: SeedIds,
  historyStart: string,
): Promise<void> {
  for (const c of reference.classes) {
    const id = catalog.classIds.get(c.code);
    if (id) await loader.insert(therapeuticClasses, { id, code: c.code, name: c.name });
  }
  const pricesByNdc = new Map<string, ReferenceData['prices']>();
  for (const p of reference.prices) {
    const list = pricesByNdc.get(p.ndc) ?? [];
    list.push(p);
    pricesByNdc.set(p.ndc, list);
  }
  for (const group of catalog.groups) {
    const g = group.ref;
    await loader.insert(drugGroups, {
      id: group.id,
      code: g.code,
      name: g.name,
      ingredients: g.ingredients,
      strength: g.strength,
      dosageForm: g.dosageForm,
      route: g.route,
      therapeuticClassId: group.classId,
      maintenance: g.maintenance,
      specialty: g.specialty,
      deaSchedule: g.deaSchedule,
    });
    for (const product of group.products) {
      const p = product.ref;
      await loader.insert(drugProducts, {
        id: product.id,
        ndc: p.ndc,
        name: p.name,
        brandName: p.brandName,
        source: p.source,
        labeler: p.labeler,
        drugGroupId: group.id,
        packageSizeMilli: p.packageSizeMilli,
        unit: p.unit,
      });
      for (const price of pricesByNdc.get(p.ndc) ?? []) {
        await loader.insert(drugPrices, { id: ids.next(), ...price });
      }
      if (product.priceEffectiveDate > historyStart) {
        await loader.insert(drugPrices, {
          id: ids.next(),
          ndc: p.ndc,
          priceType: 'nadac',
          unitPriceMicros: product.unitPriceMicros,
          effectiveDate: historyStart,
          source: `assumed for seeded history: ${product.priceEffectiveDate} price carried back`,
        });
        product.priceEffectiveDate = historyStart;
      }
    }
  }
  for (const interaction of reference.interactions) {
    await loader.insert(drugInteractions, { id: ids.next(), ...interaction });
  }
}
