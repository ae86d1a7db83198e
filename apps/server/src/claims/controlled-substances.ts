// The controlled-substance rules of a B1 (packages/domain `checkControlledSubstance`) on what the claim context
// read: the product's DEA schedule, the prescriber of the Prescriber segment (NPI or DEA number) and the plan's
// limits per schedule.
import { type ControlledSubstanceRejection, checkControlledSubstance } from '@openpbm/domain';
import type { RawClaimContext } from './claim-context-repo';
import type { ClaimSubmission } from './submission';

export function controlledSubstanceRejections(
  s: ClaimSubmission,
  raw: RawClaimContext,
): ControlledSubstanceRejection[] {
  const c = raw.controlled;
  if (!c?.deaSchedule) return [];
  return checkControlledSubstance({
    deaSchedule: c.deaSchedule,
    prescriberFound: Boolean(s.prescriberNpi) && c.prescriberFound,
    prescriberDea: c.prescriberDea,
    fillNumber: s.fillNumber ?? 0,
    daysSupply: s.daysSupply ?? 0,
    quantityMilli: s.quantityMilli ?? 0,
    limits: c.limits ?? {},
  });
}
