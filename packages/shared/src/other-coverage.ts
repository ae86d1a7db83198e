// API contract of a member's other prescription coverage (coordination of benefits), kept by customer service:
// the console lists and adds it; the claims engine bills in the order it gives (reject 41 names the primary).
import { z } from 'zod';
import { calendarDate, text } from './input';

/** 338-5C: where the OTHER payer stands: 01 it pays first (this plan is secondary), 02 after this plan. */
export const OTHER_COVERAGE_TYPE_LABELS = {
  '01': 'Primary (bill it first)',
  '02': 'Secondary (bill it after this plan)',
  '03': 'Tertiary',
} as const;

export const otherCoverageRequest = z
  .object({
    coverageType: z.enum(['01', '02', '03']),
    payerName: text(60).min(2, 'Enter the other plan’s name'),
    bin: z.string().regex(/^\d{6}$/, 'Six digits, from the member’s other card'),
    pcn: text(10)
      .regex(/^[A-Za-z0-9]*$/, 'Letters and digits only')
      .optional(),
    groupId: text(15).optional(),
    cardholderId: text(20).min(1, 'Enter the member’s ID on the other card'),
    personCode: z
      .string()
      .regex(/^\d{1,3}$/, 'Up to three digits')
      .or(z.literal(''))
      .optional(),
    helpDeskPhone: z
      .string()
      .regex(/^[0-9 ()+-]{7,20}$/, 'A phone number, e.g. 800-555-0100')
      .or(z.literal(''))
      .optional(),
    effectiveDate: calendarDate('Use the format YYYY-MM-DD'),
    /** Empty or absent: open-ended. */
    terminationDate: calendarDate('Use the format YYYY-MM-DD').or(z.literal('')).optional(),
    /** Why the agent changes it (audited), e.g. "Member called with a new employer plan". */
    reason: text(200).min(5, 'Say why (it is recorded)'),
  })
  .refine((v) => !v.terminationDate || v.terminationDate >= v.effectiveDate, {
    message: 'The end date is before the start date',
    path: ['terminationDate'],
  });
export type OtherCoverageRequest = z.infer<typeof otherCoverageRequest>;

export const otherCoverageEntry = z.object({
  id: z.string(),
  coverageType: z.enum(['01', '02', '03']),
  payerName: z.string(),
  bin: z.string(),
  pcn: z.string().nullable(),
  groupId: z.string().nullable(),
  /** Masked: the last four characters only. */
  cardholderIdMasked: z.string(),
  personCode: z.string().nullable(),
  helpDeskPhone: z.string().nullable(),
  effectiveDate: z.string(),
  terminationDate: z.string().nullable(),
  source: z.enum(['customer_service', 'eligibility_file']),
});
export type OtherCoverageEntry = z.infer<typeof otherCoverageEntry>;

export const otherCoverageList = z.object({ otherCoverage: z.array(otherCoverageEntry) });
export type OtherCoverageList = z.infer<typeof otherCoverageList>;
