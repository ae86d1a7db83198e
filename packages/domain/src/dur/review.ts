import { type Rejection, rejection } from '../adjudication/reject-codes';
import type { DrugProduct, DurOverride, MedicationHistoryEntry } from '../adjudication/types';
import type { LocalDate } from '../time/local-date';
import { clinicalSignificanceOf, findDrugInteractions } from './drug-interactions';
import { type DispensingContext, durResponse } from './fields';
import { interactionSourceOf, withSourceLabel } from './interaction-source';
import { hasAcceptedOverride } from './overrides';
import { findTherapeuticDuplications } from './therapeutic-duplication';
import { DEFAULT_DUR_POLICY, type DrugInteraction, type DurPolicy, type DurResponse } from './types';

export interface DurReviewInput {
  drug: Pick<DrugProduct, 'drugGroupId' | 'therapeuticClassId' | 'ingredients'>;
  dateOfService: LocalDate;
  daysSupply: number;
  history: MedicationHistoryEntry[];
  interactions: DrugInteraction[];
  dispensing: DispensingContext;
  overrides?: DurOverride[] | null;
  policy?: DurPolicy;
}

export interface DurReview {
  responses: DurResponse[];
  /** A single 88 when any conflict rejects and was not overridden. */
  rejections: Rejection[];
}

/** Prospective DUR for therapeutic duplication (TD) and drug-drug interactions (DD). */
export function reviewDur(input: DurReviewInput): DurReview {
  const policy = input.policy ?? DEFAULT_DUR_POLICY;
  const responses: DurResponse[] = [];
  const window = { dateOfService: input.dateOfService, daysSupply: input.daysSupply, history: input.history };

  if (policy.therapeuticDuplication !== 'off') {
    const overridden = hasAcceptedOverride(input.overrides, 'TD', policy);
    for (const fill of findTherapeuticDuplications({ drug: input.drug, ...window })) {
      responses.push(
        durResponse({
          reason: 'TD',
          clinicalSignificance: '',
          previousFill: fill,
          current: input.dispensing,
          freeText: fill.drugName,
          additionalText: `Therapeutic duplication with ${fill.drugName} filled ${fill.fillDate}, ${fill.daysSupply} days supply`,
          disposition:
            policy.therapeuticDuplication === 'warning' ? 'warning' : overridden ? 'overridden' : 'reject',
        }),
      );
    }
  }

  const ddOverridden = hasAcceptedOverride(input.overrides, 'DD', policy);
  for (const { fill, interaction } of findDrugInteractions({
    drug: input.drug,
    interactions: input.interactions,
    ...window,
  })) {
    const rejects = policy.rejectInteractionSeverities.includes(interaction.severity);
    const source = interactionSourceOf(interaction.source);
    responses.push(
      durResponse({
        reason: 'DD',
        clinicalSignificance: clinicalSignificanceOf(interaction.severity),
        previousFill: fill,
        current: input.dispensing,
        freeText: fill.drugName,
        additionalText: withSourceLabel(source.label, interaction.description),
        disposition: !rejects ? 'warning' : ddOverridden ? 'overridden' : 'reject',
        source,
      }),
    );
  }

  const rejecting = [
    ...new Set(responses.filter((r) => r.disposition === 'reject').map((r) => r.reasonForServiceCode)),
  ];
  return {
    responses,
    rejections: rejecting.length > 0 ? [rejection('88', rejecting.join(', '))] : [],
  };
}
