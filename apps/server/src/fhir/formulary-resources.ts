// Formulary rows → Da Vinci PDex US Drug Formulary 2.0.1 resources: PayerInsurancePlan (a plan), Formulary (an
// InsurancePlan too), FormularyItem (Basic: one drug group on one formulary, with tier and PA/ST/QL) and
// FormularyDrug (MedicationKnowledge: the drug group, coded by the NDCs of its packages — the reference data has
// no RxNorm codes).
import type { DrugGroupRow, DrugProductRow } from '../benefits/formulary-repo';
import type { EntryFlags } from '../benefits/formulary-view';

export const USDF_VERSION = '2.0.1';
const USDF = 'http://hl7.org/fhir/us/davinci-drug-formulary';
const usdfProfile = (name: string) => `${USDF}/StructureDefinition/${name}|${USDF_VERSION}`;
const ext = (name: string) => `${USDF}/StructureDefinition/${name}`;
const ITEM_TYPE = `${USDF}/CodeSystem/usdf-InsuranceItemTypeCS`;
const NDC = 'http://hl7.org/fhir/sid/ndc';

export const TIER_CODES: Record<1 | 2 | 3 | 4, { code: string; display: string }> = {
  1: { code: 'generic', display: 'Generic' },
  2: { code: 'preferred-brand', display: 'Preferred Brand' },
  3: { code: 'non-preferred-brand', display: 'Non-Preferred Brand' },
  4: { code: 'specialty', display: 'Specialty' },
};

/** Two UUIDs as one FHIR id (at most 64 characters): their hex digits side by side. */
export const itemId = (formularyId: string, groupId: string) => `${formularyId}${groupId}`.replace(/-/g, '');
export function splitItemId(id: string): { formularyId: string; groupId: string } | null {
  if (!/^[0-9a-f]{64}$/.test(id)) return null;
  const uuid = (hex: string) =>
    `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { formularyId: uuid(id.slice(0, 32)), groupId: uuid(id.slice(32)) };
}

export function payerInsurancePlan(
  plan: { id: string; code: string; name: string; status: string; formularyId: string; updatedAt: Date },
  formularyName: string,
) {
  return {
    resourceType: 'InsurancePlan' as const,
    id: plan.id,
    meta: { lastUpdated: plan.updatedAt.toISOString(), profile: [usdfProfile('usdf-PayerInsurancePlan')] },
    identifier: [{ system: 'urn:openpbm:plan-code', value: plan.code }],
    status: plan.status === 'active' ? ('active' as const) : ('retired' as const),
    type: [{ coding: [{ system: ITEM_TYPE, code: 'payer-plan', display: 'Payer Plan' }] }],
    name: plan.name,
    coverage: [
      {
        extension: [
          {
            url: ext('usdf-FormularyReference-extension'),
            valueReference: { reference: `InsurancePlan/${plan.formularyId}`, display: formularyName },
          },
        ],
        type: {
          coding: [{ system: `${USDF}/CodeSystem/usdf-BenefitTypeCS`, code: 'drug', display: 'Drug' }],
        },
        benefit: [{ type: { coding: [{ system: `${USDF}/CodeSystem/usdf-BenefitTypeCS`, code: 'drug' }] } }],
      },
    ],
    plan: [{ type: { coding: [{ system: 'urn:openpbm:plan-code', code: plan.code }], text: plan.name } }],
  };
}

export function formularyPlan(f: {
  id: string;
  code: string;
  name: string;
  status: string;
  effectiveDate: string;
  updatedAt: Date;
}) {
  return {
    resourceType: 'InsurancePlan' as const,
    id: f.id,
    meta: { lastUpdated: f.updatedAt.toISOString(), profile: [usdfProfile('usdf-Formulary')] },
    identifier: [{ system: 'urn:openpbm:formulary-code', value: f.code }],
    status: f.status === 'active' ? ('active' as const) : ('retired' as const),
    type: [{ coding: [{ system: ITEM_TYPE, code: 'formulary', display: 'Formulary' }] }],
    name: f.name,
    period: { start: f.effectiveDate },
  };
}

const benefitTypes = (specialty: boolean) =>
  (specialty ? ['1-month-in-mail'] : ['1-month-in-retail', '3-month-in-retail', '3-month-in-mail']).map(
    (code) => ({
      url: ext('usdf-PharmacyBenefitType-extension'),
      valueCodeableConcept: { coding: [{ system: `${USDF}/CodeSystem/usdf-PharmacyBenefitTypeCS`, code }] },
    }),
  );

/** One covered drug group on a formulary. Null for a group the formulary excludes or does not list. */
export function formularyItem(
  formulary: { id: string; name: string; effectiveDate: string; updatedAt: Date },
  group: DrugGroupRow,
  flags: EntryFlags,
  updatedAt: Date,
) {
  if (flags.status !== 'covered' || flags.tier === null) return null;
  const tier = TIER_CODES[flags.tier];
  const quantity = flags.quantityLimit;
  return {
    resourceType: 'Basic' as const,
    id: itemId(formulary.id, group.id),
    meta: { lastUpdated: updatedAt.toISOString(), profile: [usdfProfile('usdf-FormularyItem')] },
    extension: [
      {
        url: ext('usdf-FormularyReference-extension'),
        valueReference: { reference: `InsurancePlan/${formulary.id}`, display: formulary.name },
      },
      { url: ext('usdf-AvailabilityStatus-extension'), valueCode: 'active' },
      { url: ext('usdf-AvailabilityPeriod-extension'), valuePeriod: { start: formulary.effectiveDate } },
      ...benefitTypes(group.specialty),
      {
        url: ext('usdf-DrugTierID-extension'),
        valueCodeableConcept: { coding: [{ system: `${USDF}/CodeSystem/usdf-DrugTierCS`, ...tier }] },
      },
      { url: ext('usdf-PriorAuthorization-extension'), valueBoolean: flags.requiresPriorAuth },
      { url: ext('usdf-StepTherapyLimit-extension'), valueBoolean: flags.requiresStepTherapy },
      { url: ext('usdf-QuantityLimit-extension'), valueBoolean: quantity !== null },
      ...(quantity
        ? [
            {
              url: ext('usdf-QuantityLimitDetail-extension'),
              extension: [
                {
                  url: 'Rolling',
                  valueTiming: {
                    repeat: { count: quantity.quantity, period: quantity.days, periodUnit: 'd' as const },
                  },
                },
              ],
            },
          ]
        : []),
    ],
    code: { coding: [{ system: ITEM_TYPE, code: 'formulary-item', display: 'Formulary Item' }] },
    subject: { reference: `MedicationKnowledge/${group.id}`, display: group.name },
  };
}

export function formularyDrug(group: DrugGroupRow, products: DrugProductRow[], updatedAt: Date) {
  const active = products.filter((p) => p.drugGroupId === group.id);
  return {
    resourceType: 'MedicationKnowledge' as const,
    id: group.id,
    meta: { lastUpdated: updatedAt.toISOString(), profile: [usdfProfile('usdf-FormularyDrug')] },
    code: {
      coding: active.map((p) => ({ system: NDC, code: p.ndc, display: p.name })),
      text: group.name,
    },
    status: 'active' as const,
    doseForm: { text: group.dosageForm },
    synonym: [...new Set(active.map((p) => p.brandName).filter((n): n is string => Boolean(n)))],
  };
}
