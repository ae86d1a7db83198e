// Quantities and days supply from a group's usual dose: whole tablets, whole packages for pens, inhalers and
// liquids (a pen cannot be split), and the days those units last, capped by the channel's limit.
import type { CatalogGroup } from './drug-catalog';

export interface FillAmount {
  quantityMilli: number;
  /** Reported days supply (never above the channel's limit). */
  daysSupply: number;
  /** Days the units really last: a 12-week injection dispensed as "30 days" is refilled after 12 weeks. */
  lastsDays: number;
}

/** Units in thousandths, rounded up (tablet counts stay whole). */
const toMilli = (units: number) => Math.ceil(units * 1000 - 1e-6);

export function fillAmount(group: CatalogGroup, targetDays: number, maxDays: number): FillAmount {
  const perDay = group.dose.unitsPerDay;
  if (group.unit === 'EA') {
    const units = Math.max(1, Math.ceil(perDay * targetDays - 1e-9));
    const daysSupply = Math.min(maxDays, targetDays);
    return { quantityMilli: units * 1000, daysSupply, lastsDays: daysSupply };
  }
  const packages = Math.max(1, Math.ceil((perDay * targetDays) / group.packageUnits - 1e-9));
  const units = packages * group.packageUnits;
  const lasts = Math.max(1, Math.floor(units / perDay + 1e-9));
  return { quantityMilli: toMilli(units), daysSupply: Math.min(maxDays, lasts), lastsDays: lasts };
}

/** Course length of a short-term drug: what one package holds at the usual dose (antibiotics: 5-10 days). */
export function acuteCourseDays(group: CatalogGroup): number {
  return Math.min(30, Math.max(1, Math.round(group.packageUnits / group.dose.unitsPerDay)));
}

/** The quantity a 30-day fill needs: what the formulary's quantity limit allows per 30 days. */
export function monthlyQuantityMilli(group: CatalogGroup): number {
  return fillAmount(group, 30, 30).quantityMilli;
}
