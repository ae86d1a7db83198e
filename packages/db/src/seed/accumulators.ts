// A family's running deductible and out-of-pocket totals per plan year, changed with the domain's own
// apply/reverse functions as claims are paid and reversed, and written out as accumulator rows at the end.
import {
  type AccumulatorDelta,
  type Accumulators,
  applyAccumulatorDelta,
  type CoverageLevel,
  reverseAccumulatorDelta,
  ZERO_ACCUMULATORS,
} from '@openpbm/domain';
import type { accumulators } from '../schema/index';
import type { SeedIds } from './prng';

type AccumulatorRow = typeof accumulators.$inferInsert;

interface Totals {
  deductibleCents: number;
  oopCents: number;
  /** Changes so far: the row's version. */
  changes: number;
}

export class FamilyAccumulators {
  /** planYearId → memberId → totals; the family's own totals live under the subscriber id with a prefix. */
  private readonly byYear = new Map<string, Map<string, Totals>>();

  constructor(
    private readonly subscriberId: string,
    private readonly coverageLevel: CoverageLevel,
  ) {}

  private totals(planYearId: string, key: string): Totals {
    let year = this.byYear.get(planYearId);
    if (!year) {
      year = new Map();
      this.byYear.set(planYearId, year);
    }
    let totals = year.get(key);
    if (!totals) {
      totals = { deductibleCents: 0, oopCents: 0, changes: 0 };
      year.set(key, totals);
    }
    return totals;
  }

  private familyKey = () => `family:${this.subscriberId}`;

  /** What the domain's cost-share rules read for a member on a date in this plan year. */
  current(planYearId: string, memberId: string): Accumulators {
    const year = this.byYear.get(planYearId);
    if (!year) return { ...ZERO_ACCUMULATORS };
    const mine = year.get(memberId);
    const family = this.coverageLevel === 'family' ? year.get(this.familyKey()) : mine;
    return {
      individualDeductibleCents: mine?.deductibleCents ?? 0,
      individualOopCents: mine?.oopCents ?? 0,
      familyDeductibleCents: family?.deductibleCents ?? 0,
      familyOopCents: family?.oopCents ?? 0,
    };
  }

  apply(planYearId: string, memberId: string, delta: AccumulatorDelta): void {
    this.change(planYearId, memberId, (a) => applyAccumulatorDelta(a, delta));
  }

  reverse(planYearId: string, memberId: string, delta: AccumulatorDelta): void {
    this.change(planYearId, memberId, (a) => reverseAccumulatorDelta(a, delta));
  }

  private change(planYearId: string, memberId: string, fn: (a: Accumulators) => Accumulators): void {
    const next = fn(this.current(planYearId, memberId));
    const mine = this.totals(planYearId, memberId);
    mine.deductibleCents = next.individualDeductibleCents;
    mine.oopCents = next.individualOopCents;
    mine.changes++;
    if (this.coverageLevel === 'family') {
      const family = this.totals(planYearId, this.familyKey());
      family.deductibleCents = next.familyDeductibleCents;
      family.oopCents = next.familyOopCents;
      family.changes++;
    }
  }

  /** One individual row per member with claims in a plan year, and the family row keyed by the subscriber. */
  rows(ids: SeedIds): AccumulatorRow[] {
    const rows: AccumulatorRow[] = [];
    for (const [planYearId, year] of this.byYear) {
      for (const [key, totals] of year) {
        const family = key === this.familyKey();
        rows.push({
          id: ids.next(),
          planYearId,
          scope: family ? 'family' : 'individual',
          memberId: family ? this.subscriberId : key,
          deductibleCents: totals.deductibleCents,
          oopCents: totals.oopCents,
          version: Math.max(1, totals.changes),
        });
      }
    }
    return rows;
  }
}
