// The JSON form of a D.0 transaction (POST /api/claims) and its JSON answer. Field names follow the D.0
// fields they mirror (ids in the descriptions); money in integer cents, dates ISO, quantity in units.
import type { NcpdpRequest } from '@openpbm/ncpdp';
import { quantity, text } from '@openpbm/shared/input';
import { z } from 'zod';
import type { TransactionOutcome } from './outcome';
import { rejectDescription } from './reject-codes';

const isoDate = z.iso.date();
const cents = z.number().int().min(0).max(99_999_999);

export const claimFormSchema = z
  .object({
    transactionCode: z.enum(['B1', 'B2', 'E1']).describe('103-A3'),
    bin: z
      .string()
      .regex(/^\d{6}$/)
      .describe('101-A1 BIN'),
    processorControlNumber: text(10).describe('104-A4 PCN'),
    groupId: text(15).describe('301-C1 Group ID'),
    serviceProvider: z.object({
      idQualifier: z.enum(['01', '07']).describe('202-B2: 01 NPI, 07 NCPDP provider ID'),
      id: text(15).min(1).describe('201-B1: the signing pharmacy’s NPI or NCPDP ID'),
    }),
    dateOfService: isoDate.describe('401-D1'),
    cardholder: z.object({
      id: text(20).min(1).describe('302-C2 Cardholder ID (member ID on the card)'),
      personCode: z
        .string()
        .regex(/^\d{3}$/)
        .optional()
        .describe('303-C3'),
    }),
    patient: z.object({ dateOfBirth: isoDate.optional().describe('304-C4') }).optional(),
    claim: z
      .object({
        rxNumber: z
          .string()
          .regex(/^\d{1,12}$/)
          .describe('402-D2 Prescription/Service Reference Number'),
        fillNumber: z.number().int().min(0).max(99).describe('403-D3'),
        ndc: z
          .string()
          .regex(/^\d{11}$/)
          .optional()
          .describe('407-D7 (qualifier 03 = NDC)'),
        quantityDispensed: quantity(9_999_999.999)
          .optional()
          .describe('442-E7, in units (e.g. 30 tablets, 2.5 mL)'),
        daysSupply: z.number().int().min(1).max(999).optional().describe('405-D5'),
        prescriberNpi: z
          .string()
          .regex(/^\d{10}$/)
          .optional()
          .describe('411-DB (qualifier 01 = NPI)'),
        ingredientCostSubmittedCents: cents.optional().describe('409-D9'),
        dispensingFeeSubmittedCents: cents.optional().describe('412-DC'),
        usualAndCustomaryCents: cents.optional().describe('426-DQ'),
        grossAmountDueCents: cents.optional().describe('430-DU'),
        durOverrides: z
          .array(
            z.object({
              reasonForServiceCode: z
                .string()
                .regex(/^[A-Z0-9]{2}$/)
                .describe('439-E4'),
              professionalServiceCode: z
                .string()
                .regex(/^[A-Z0-9]{2}$/)
                .describe('440-E5'),
              resultOfServiceCode: z
                .string()
                .regex(/^[A-Z0-9]{2}$/)
                .describe('441-E6'),
            }),
          )
          .max(9)
          .optional(),
      })
      .optional(),
  })
  .superRefine((form, ctx) => {
    if (form.transactionCode === 'E1') return;
    if (!form.claim) {
      ctx.addIssue({ code: 'custom', path: ['claim'], message: `is required for ${form.transactionCode}` });
      return;
    }
    if (form.transactionCode !== 'B1') return;
    for (const field of ['ndc', 'quantityDispensed', 'daysSupply', 'ingredientCostSubmittedCents'] as const) {
      if (form.claim[field] === undefined) {
        ctx.addIssue({ code: 'custom', path: ['claim', field], message: 'is required for B1' });
      }
    }
  });

export type ClaimForm = z.infer<typeof claimFormSchema>;

/** The JSON form as the D.0 request it stands for (stored and adjudicated exactly like a raw one). */
export function requestFromForm(form: ClaimForm): NcpdpRequest {
  const c = form.claim;
  const request: NcpdpRequest = {
    header: {
      bin: form.bin,
      transactionCode: form.transactionCode,
      processorControlNumber: form.processorControlNumber,
      serviceProviderIdQualifier: form.serviceProvider.idQualifier,
      serviceProviderId: form.serviceProvider.id,
      dateOfService: form.dateOfService,
      softwareVendorCertificationId: 'OPBJSON',
    },
    insurance: {
      cardholderId: form.cardholder.id,
      groupId: form.groupId,
      ...(form.cardholder.personCode ? { personCode: form.cardholder.personCode } : {}),
    },
    ...(form.patient?.dateOfBirth ? { patient: { dateOfBirth: form.patient.dateOfBirth } } : {}),
    transactions: [{}],
  };
  if (!c) return request;
  request.transactions = [
    {
      claim: {
        prescriptionServiceReferenceNumberQualifier: '1',
        prescriptionServiceReferenceNumber: c.rxNumber,
        ...(c.ndc ? { productServiceIdQualifier: '03', productServiceId: c.ndc } : {}),
        ...(c.quantityDispensed !== undefined
          ? { quantityDispensed: Math.round(c.quantityDispensed * 1000) }
          : {}),
        fillNumber: c.fillNumber,
        ...(c.daysSupply !== undefined ? { daysSupply: c.daysSupply } : {}),
      },
      ...(c.prescriberNpi ? { prescriber: { idQualifier: '01', id: c.prescriberNpi } } : {}),
      ...(c.durOverrides?.length ? { durPps: { services: c.durOverrides } } : {}),
      ...(c.ingredientCostSubmittedCents !== undefined
        ? {
            pricing: {
              ingredientCostSubmitted: c.ingredientCostSubmittedCents,
              ...(c.dispensingFeeSubmittedCents !== undefined
                ? { dispensingFeeSubmitted: c.dispensingFeeSubmittedCents }
                : {}),
              ...(c.usualAndCustomaryCents !== undefined
                ? { usualAndCustomary: c.usualAndCustomaryCents }
                : {}),
              ...(c.grossAmountDueCents !== undefined ? { grossAmountDue: c.grossAmountDueCents } : {}),
            },
          }
        : {}),
    },
  ];
  return request;
}

const tier = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);

export const claimResultSchema = z.object({
  transactionCode: z.string(),
  status: z
    .enum([
      'paid',
      'duplicate-paid',
      'rejected',
      'accepted',
      'duplicate-accepted',
      'captured',
      'duplicate-captured',
      'deferred',
    ])
    .describe('112-AN: P, D, R, A, S, C, Q, F'),
  claimId: z.string().nullable(),
  authorizationNumber: z.string().nullable().describe('503-F3'),
  rejectCodes: z
    .array(z.object({ code: z.string(), description: z.string() }))
    .describe('511-FB, all that apply'),
  messages: z.array(z.string()),
  rxNumber: z.string().nullable(),
  fillNumber: z.number().int().nullable(),
  ndc: z.string().nullable(),
  tier: tier.nullable(),
  channel: z.enum(['retail_30', 'retail_90', 'home_delivery_90', 'specialty']).nullable(),
  pricing: z
    .object({
      ingredientCostPaidCents: z.number().int(),
      dispensingFeePaidCents: z.number().int(),
      totalPriceCents: z.number().int(),
      patientPayCents: z.number().int(),
      planPayCents: z.number().int(),
      appliedToDeductibleCents: z.number().int(),
      appliedToOopCents: z.number().int(),
      copayCents: z.number().int(),
      coinsuranceCents: z.number().int(),
      basisOfReimbursementCode: z.string().nullable(),
      accumulatedDeductibleCents: z.number().int().nullable(),
      remainingDeductibleCents: z.number().int().nullable(),
      remainingOopCents: z.number().int().nullable(),
    })
    .nullable(),
  dur: z.array(
    z.object({
      reasonForServiceCode: z.string().describe('439-E4'),
      clinicalSignificanceCode: z.string().describe('528-FS'),
      otherPharmacyIndicator: z.string().describe('529-FT'),
      previousDateOfFill: z.string().describe('530-FU'),
      quantityOfPreviousFill: z.number().describe('531-FV, units'),
      databaseIndicator: z.string().describe('532-FW: 4 processor developed, 5 other (public file)'),
      otherPrescriberIndicator: z.string().describe('533-FX'),
      source: z
        .string()
        .describe('Who raised the alert: Starter list, VA NDF-RT, ONC high-priority, Claims history'),
      freeText: z.string().describe('544-FY'),
      additionalText: z.string().describe('570-NS'),
      conflictingNdc: z.string(),
      disposition: z.enum(['reject', 'warning', 'overridden']),
    }),
  ),
  preferredAlternatives: z.array(
    z.object({
      name: z.string(),
      drugGroupId: z.string().nullable(),
      ndc: z.string().nullable(),
      tier: tier.nullable(),
    }),
  ),
  refillEligibleOn: z.string().nullable(),
  priorAuthorizationId: z.string().nullable(),
  eligibility: z
    .object({
      planCode: z.string(),
      planName: z.string(),
      rxGroup: z.string(),
      cardholderId: z.string(),
      firstName: z.string(),
      lastName: z.string(),
      dateOfBirth: z.string().nullable(),
      coverageLevel: z.enum(['individual', 'family']),
    })
    .nullable(),
  helpDeskPhone: z.string().nullable(),
  ncpdpResponse: z.string().describe('The D.0 response of this transmission, base64'),
});

export type ClaimResult = z.infer<typeof claimResultSchema>;

export function claimResult(o: TransactionOutcome, response: Uint8Array): ClaimResult {
  return {
    transactionCode: o.transactionCode,
    status: o.status,
    claimId: o.claimId,
    authorizationNumber: o.authorizationNumber,
    rejectCodes: o.rejectCodes.map((code) => ({ code, description: rejectDescription(code) })),
    messages: o.messages,
    rxNumber: o.rxNumber,
    fillNumber: o.fillNumber,
    ndc: o.ndc,
    tier: o.tier,
    channel: o.channel,
    pricing: o.pricing,
    dur: o.dur.map((d) => ({
      reasonForServiceCode: d.reasonForServiceCode,
      clinicalSignificanceCode: d.clinicalSignificanceCode,
      otherPharmacyIndicator: d.otherPharmacyIndicator,
      previousDateOfFill: d.previousDateOfFill,
      quantityOfPreviousFill: d.quantityOfPreviousFillMilli / 1000,
      databaseIndicator: d.databaseIndicator,
      otherPrescriberIndicator: d.otherPrescriberIndicator,
      source: d.source,
      freeText: d.freeText,
      additionalText: d.additionalText,
      conflictingNdc: d.conflictingNdc,
      disposition: d.disposition,
    })),
    preferredAlternatives: o.preferredAlternatives.map((a) => ({
      name: a.name,
      drugGroupId: a.drugGroupId ?? null,
      ndc: a.ndc ?? null,
      tier: a.tier ?? null,
    })),
    refillEligibleOn: o.refillEligibleOn,
    priorAuthorizationId: o.priorAuthorizationId,
    eligibility: o.eligibility,
    helpDeskPhone: o.helpDeskPhone,
    ncpdpResponse: Buffer.from(response).toString('base64'),
  };
}
