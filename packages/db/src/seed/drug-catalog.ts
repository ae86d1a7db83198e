// The reference drug data as the seed uses it: ids assigned, products grouped under their generic-equivalence
// group, the unit price in force, and a usual dose for every group (the starter list has real ones; real public
// files do not, so a conservative default is used).
import type { DrugGroupRef, DrugProductRef, ReferenceData, UsualDose } from '../reference/types';
import type { SeedIds } from './prng';

export interface CatalogProduct {
  id: string;
  ref: DrugProductRef;
  /** NADAC per unit in microdollars (the network benchmark). */
  unitPriceMicros: number;
  priceEffectiveDate: string;
  isGeneric: boolean;
}

export interface CatalogGroup {
  id: string;
  ref: DrugGroupRef;
  classId: string;
  classCode: string;
  products: CatalogProduct[];
  dose: UsualDose;
  /** Unit of the group's products ("EA", "ML", "GM"). */
  unit: DrugProductRef['unit'];
  /** Smallest package, in units: what a measured drug (pens, inhalers) is dispensed in. */
  packageUnits: number;
  hasGeneric: boolean;
  hasBrand: boolean;
}

export interface DrugCatalog {
  origin: ReferenceData['origin'];
  classIds: Map<string, string>;
  groups: CatalogGroup[];
  groupsById: Map<string, CatalogGroup>;
  groupsByClass: Map<string, CatalogGroup[]>;
}

function defaultDose(unit: DrugProductRef['unit'], packageUnits: number): UsualDose {
  // Unknown dosing: one unit a day for tablets and capsules, one package a month for liquids, pens and inhalers.
  return unit === 'EA'
    ? { unitsPerDay: 1, sig: 'Take as directed' }
    : { unitsPerDay: packageUnits / 30, sig: 'Use as directed' };
}

export function buildDrugCatalog(reference: ReferenceData, ids: SeedIds): DrugCatalog {
  const classIds = new Map(reference.classes.map((c) => [c.code, ids.next()]));
  const prices = new Map<string, { unitPriceMicros: number; effectiveDate: string }>();
  for (const p of reference.prices) {
    if (p.priceType !== 'nadac') continue;
    const current = prices.get(p.ndc);
    if (!current || current.effectiveDate < p.effectiveDate) {
      prices.set(p.ndc, { unitPriceMicros: p.unitPriceMicros, effectiveDate: p.effectiveDate });
    }
  }
  const productsByGroup = new Map<string, DrugProductRef[]>();
  for (const product of reference.products) {
    const list = productsByGroup.get(product.groupCode) ?? [];
    list.push(product);
    productsByGroup.set(product.groupCode, list);
  }

  const groups: CatalogGroup[] = [];
  for (const ref of reference.groups) {
    const classId = classIds.get(ref.classCode);
    const productRefs = productsByGroup.get(ref.code) ?? [];
    if (!classId || productRefs.length === 0) continue;
    const groupId = ids.next();
    const products: CatalogProduct[] = [];
    for (const product of productRefs) {
      const price = prices.get(product.ndc);
      const productId = ids.next();
      if (!price) continue;
      products.push({
        id: productId,
        ref: product,
        unitPriceMicros: price.unitPriceMicros,
        priceEffectiveDate: price.effectiveDate,
        isGeneric: product.source === 'generic',
      });
    }
    if (products.length === 0) continue;
    const unit = products[0]?.ref.unit ?? 'EA';
    const packageUnits = Math.min(...products.map((p) => p.ref.packageSizeMilli)) / 1000;
    groups.push({
      id: groupId,
      ref,
      classId,
      classCode: ref.classCode,
      products,
      dose: ref.usualDose ?? defaultDose(unit, packageUnits),
      unit,
      packageUnits,
      hasGeneric: products.some((p) => p.isGeneric),
      hasBrand: products.some((p) => !p.isGeneric),
    });
  }

  const groupsByClass = new Map<string, CatalogGroup[]>();
  for (const group of groups) {
    const list = groupsByClass.get(group.classCode) ?? [];
    list.push(group);
    groupsByClass.set(group.classCode, list);
  }
  return {
    origin: reference.origin,
    classIds,
    groups,
    groupsById: new Map(groups.map((g) => [g.id, g])),
    groupsByClass,
  };
}

/** The package a pharmacy dispenses for a group: the cheapest generic, or the brand when there is none. */
export function dispensedProduct(group: CatalogGroup): CatalogProduct {
  const candidates = group.hasGeneric ? group.products.filter((p) => p.isGeneric) : group.products;
  return candidates.reduce((best, p) => (p.unitPriceMicros < best.unitPriceMicros ? p : best));
}
