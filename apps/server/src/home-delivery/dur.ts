// The pharmacist's DUR review of an order: each item against the member's recent fills and the order's other
// items (dispensed together), with the same rules claims adjudication uses (therapeutic duplication,
// drug-drug interactions). Shown as warnings the pharmacist must review before verifying.

import type { SqlExecutor } from '@openpbm/db';
import { addDays, type MedicationHistoryEntry, reviewDur } from '@openpbm/domain';
import type { DurWarningView } from '@openpbm/shared/pharmacy';
import type { OrderItemRow } from '../orders/repo';
import { interactionsFor, medicationHistory } from './dur-repo';

const SEVERITY_OF: Record<string, string> = { '1': 'major', '2': 'moderate', '3': 'minor' };

export async function durWarningsFor(
  q: SqlExecutor,
  args: {
    orderId: string;
    memberId: string;
    pharmacyId: string;
    chainCode: string | null;
    today: string;
    items: OrderItemRow[];
  },
): Promise<DurWarningView[]> {
  const history = await medicationHistory(q, args.memberId, addDays(args.today, -365), args.orderId);
  const interactions = await interactionsFor(q, [...new Set(args.items.flatMap((i) => i.ingredients))]);
  const asFill = (item: OrderItemRow): MedicationHistoryEntry => ({
    claimId: item.prescription_id,
    ndc: item.ndc,
    drugName: item.drug_name,
    drugGroupId: item.drug_group_id,
    therapeuticClassId: item.therapeutic_class_id,
    ingredients: item.ingredients,
    fillDate: args.today,
    daysSupply: item.days_supply,
    quantityMilli: item.quantity_milli,
    pharmacyId: args.pharmacyId,
    pharmacyChainId: args.chainCode,
    prescriberId: item.prescriber_id,
  });
  const warnings: DurWarningView[] = [];
  for (const item of args.items) {
    const others = args.items.filter((other) => other.prescription_id !== item.prescription_id).map(asFill);
    const review = reviewDur({
      drug: {
        drugGroupId: item.drug_group_id,
        therapeuticClassId: item.therapeutic_class_id,
        ingredients: item.ingredients,
      },
      dateOfService: args.today,
      daysSupply: item.days_supply,
      history: [...history, ...others],
      interactions,
      dispensing: {
        pharmacyId: args.pharmacyId,
        pharmacyChainId: args.chainCode,
        prescriberId: item.prescriber_id,
      },
    });
    for (const response of review.responses) {
      warnings.push({
        prescriptionId: item.prescription_id,
        reasonCode: response.reasonForServiceCode,
        severity:
          response.reasonForServiceCode === 'TD'
            ? 'duplication'
            : (SEVERITY_OF[response.clinicalSignificanceCode] ?? 'unspecified'),
        message:
          response.reasonForServiceCode === 'TD'
            ? `${item.drug_name}: ${response.additionalText}`
            : `${item.drug_name} with ${response.freeText}: ${response.additionalText}`,
        conflictingDrug: response.freeText,
        previousFillDate: response.previousDateOfFill,
        source: response.source,
      });
    }
  }
  return warnings;
}
