// The demo family's drugs, fixed so every demo screen has something to show: home delivery with auto-refill,
// 90-day retail, a preferred brand that runs against the deductible, an adult child's inhalers and a child's
// antibiotic. Wanted classes are starter-list codes; with other reference data a random covered drug stands in.
import { addDays, type Channel } from '@openpbm/domain';
import { randomDate } from './dates';
import { dispensedProduct } from './drug-catalog';
import { drawDrug } from './drug-choices';
import { entryFor } from './formularies';
import type { Prng } from './prng';
import type { MemberTherapies } from './therapies';

interface DemoDrug {
  /** Index in the demo family: 0 subscriber, 1 spouse, 2 adult child, 3 child. */
  person: number;
  /** A therapeutic class code, or "preferred_brand" for any single-source brand on tier 2. */
  want: string;
  channel: Channel | 'acute';
}

const DEMO_DRUGS: readonly DemoDrug[] = [
  { person: 0, want: 'statins', channel: 'home_delivery_90' },
  { person: 0, want: 'ace_inhibitors', channel: 'retail_90' },
  { person: 0, want: 'preferred_brand', channel: 'retail_30' },
  { person: 1, want: 'thyroid', channel: 'home_delivery_90' },
  { person: 1, want: 'ssris', channel: 'retail_30' },
  { person: 2, want: 'leukotriene_modifiers', channel: 'retail_30' },
  { person: 2, want: 'saba', channel: 'retail_30' },
  { person: 3, want: 'penicillins', channel: 'acute' },
];

export function planDemoTherapies(planner: MemberTherapies, prng: Prng, person: number): void {
  const { choices, plan, coveredFrom, coveredTo } = planner;
  for (const drug of DEMO_DRUGS) {
    if (drug.person !== person) continue;
    const pool = drug.channel === 'acute' ? choices.acute : choices.chronic;
    const wanted = pool.filter((g) => {
      if (!planner.drugs.accepts(g)) return false;
      if (drug.want !== 'preferred_brand') return g.classCode === drug.want;
      return !g.hasGeneric && entryFor(plan.formulary, g.id, dispensedProduct(g).ref.ndc)?.tier === 2;
    });
    const group = wanted[0] ?? drawDrug(prng, pool, planner.drugs);
    if (!group) continue;
    if (drug.channel === 'acute') {
      planner.add(
        group,
        'acute',
        'retail_30',
        randomDate(prng, addDays(coveredTo, -200), addDays(coveredTo, -30)),
        true,
      );
      continue;
    }
    const channel = drug.channel === 'retail_90' && !planner.offers90DayRetail ? 'retail_30' : drug.channel;
    // Staggered starts at the beginning of the history, so the family's fills do not all fall on one day.
    planner.add(
      group,
      'chronic',
      channel,
      addDays(coveredFrom, person * 3 + planner.therapies.length + 1),
      true,
    );
  }
}
