// API contracts for moving prescriptions to home delivery (transfers), asking home delivery to contact a
// prescriber, and prescribers sending new prescriptions electronically.
import { z } from 'zod';
import { calendarDate, quantity, text } from './input';

const uuid = z.uuid();
const localDate = calendarDate('Use the format YYYY-MM-DD');

// ---------- transfers ----------

export const createTransferRequest = z.union([
  z.object({ source: z.literal('prescription'), prescriptionId: uuid }),
  z.object({ source: z.literal('claim'), claimId: uuid }),
  z.object({
    source: z.literal('manual'),
    /** Whose prescription; the signed-in member when absent. */
    memberId: uuid.optional(),
    /** A pharmacy from the directory, or its name and phone typed in. */
    pharmacyId: uuid.optional(),
    pharmacyName: text(100).min(2, 'Enter the pharmacy name').optional(),
    pharmacyPhone: z
      .string()
      .trim()
      .regex(/^[0-9()+ .-]{7,20}$/, 'Enter a phone number')
      .optional(),
    rxNumber: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{3,20}$/, 'Enter the Rx number from the label'),
    drugDescription: text(100).min(2, 'Enter the medicine name'),
  }),
]);
export type CreateTransferRequest = z.infer<typeof createTransferRequest>;

export const transferStatus = z.enum(['requested', 'in_progress', 'completed', 'rejected', 'cancelled']);
export const TRANSFER_STATUS_LABELS: Record<z.infer<typeof transferStatus>, string> = {
  requested: 'Requested',
  in_progress: 'In progress: we are contacting the pharmacy',
  completed: 'Completed: ready for home delivery',
  rejected: 'Could not be transferred',
  cancelled: 'Cancelled',
};

export const transferView = z.object({
  id: uuid,
  memberId: uuid,
  memberName: z.string(),
  status: transferStatus,
  fromPharmacyName: z.string(),
  fromPharmacyPhone: z.string().nullable(),
  fromRxNumber: z.string(),
  drugDescription: z.string(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolutionNote: z.string().nullable(),
  newPrescriptionId: uuid.nullable(),
  canCancel: z.boolean(),
});
export type TransferView = z.infer<typeof transferView>;
export const transfersResponse = z.object({ transfers: z.array(transferView) });

export const transferCandidate = z.object({
  claimId: uuid,
  memberId: uuid,
  memberName: z.string(),
  drugName: z.string(),
  rxNumber: z.string(),
  pharmacyName: z.string(),
  lastFillDate: localDate,
});
export const transferCandidatesResponse = z.object({ candidates: z.array(transferCandidate) });
export type TransferCandidate = z.infer<typeof transferCandidate>;

/** Staff: what the new home-delivery prescription says. Optional fields default from the prescription on file. */
export const completeTransferRequest = z.object({
  ndc: z
    .string()
    .regex(/^\d{11}$/, 'Enter the 11-digit NDC')
    .optional(),
  prescriberNpi: z
    .string()
    .regex(/^\d{10}$/, 'Enter the 10-digit NPI')
    .optional(),
  quantity: quantity(10_000).optional(),
  daysSupply: z.number().int().min(1).max(365).optional(),
  directions: text(300).min(3).optional(),
  refillsRemaining: z.number().int().min(0).max(11).optional(),
  writtenDate: localDate.optional(),
  expiryDate: localDate.optional(),
  lastFillDate: localDate.optional(),
  note: text(300, { multiline: true }).optional(),
});
export type CompleteTransferRequest = z.infer<typeof completeTransferRequest>;

/** What the pharmacy works from: the member's name and date of birth, not their internal member id. */
export const staffTransferView = transferView.omit({ memberId: true }).extend({
  memberDateOfBirth: localDate,
  sourcePrescription: z
    .object({
      rxNumber: z.string(),
      drugName: z.string(),
      ndc: z.string(),
      quantity: z.number(),
      daysSupply: z.number().int(),
      refillsRemaining: z.number().int(),
      prescriberName: z.string(),
      lastFillDate: localDate.nullable(),
    })
    .nullable(),
});
export type StaffTransferView = z.infer<typeof staffTransferView>;
export const staffTransfersResponse = z.object({ transfers: z.array(staffTransferView) });

// ---------- "ask my doctor" contact requests ----------

export const createContactRequest = z.union([
  z.object({ prescriptionId: uuid }),
  z.object({
    memberId: uuid.optional(),
    prescriberName: text(100).min(2, 'Enter your doctor’s name'),
    prescriberPhone: z
      .string()
      .trim()
      .regex(/^[0-9()+ .-]{7,20}$/, 'Enter a phone number'),
    drugDescription: text(100).min(2, 'Enter the medicine name'),
  }),
]);
export type CreateContactRequest = z.infer<typeof createContactRequest>;

export const contactRequestStatus = z.enum(['open', 'completed', 'declined', 'cancelled']);
export const contactRequestView = z.object({
  id: uuid,
  memberId: uuid,
  memberName: z.string(),
  prescriberName: z.string(),
  drugDescription: z.string(),
  status: contactRequestStatus,
  /**
   * Who acts on it: the prescriber in their portal, or the home-delivery pharmacists (by phone or fax) for a
   * doctor outside the prescriber directory. `nextStep` says so in words for the member.
   */
  handledBy: z.enum(['prescriber', 'pharmacy']),
  nextStep: z.string(),
  createdAt: z.string(),
  responseNote: z.string().nullable(),
  newPrescriptionId: uuid.nullable(),
});
export type ContactRequestView = z.infer<typeof contactRequestView>;
export const contactRequestsResponse = z.object({ requests: z.array(contactRequestView) });
/** The pharmacy's queue: no internal member id (the pharmacy calls the prescriber, it never looks the member up). */
export const staffContactRequestView = contactRequestView.omit({ memberId: true });
export type StaffContactRequestView = z.infer<typeof staffContactRequestView>;
export const staffContactRequestsResponse = z.object({ requests: z.array(staffContactRequestView) });

// ---------- prescribers ----------

export const newPrescriptionRequest = z.object({
  patient: z.object({
    memberNumber: text(20).min(5, 'Enter the member ID from the card'),
    dateOfBirth: localDate,
  }),
  ndc: z.string().regex(/^\d{11}$/, 'Enter the 11-digit NDC'),
  quantity: quantity(10_000),
  daysSupply: z.number().int().min(1, 'Enter the days supply').max(365),
  directions: text(300).min(3, 'Enter the directions'),
  refills: z.number().int().min(0).max(11),
  /** Home delivery (default), or a retail pharmacy's NCPDP ID. */
  pharmacyNcpdpId: z
    .string()
    .regex(/^\d{7}$/, 'Enter the 7-digit NCPDP ID')
    .optional(),
  /** Answers a member's request to renew. */
  contactRequestId: uuid.optional(),
});
export type NewPrescriptionRequest = z.infer<typeof newPrescriptionRequest>;

export const prescriberPrescriptionView = z.object({
  id: uuid,
  rxNumber: z.string(),
  patientName: z.string(),
  drugName: z.string(),
  quantity: z.number(),
  daysSupply: z.number().int(),
  refills: z.number().int(),
  writtenDate: localDate,
  expiryDate: localDate,
  pharmacyName: z.string(),
  status: z.string(),
});
export type PrescriberPrescriptionView = z.infer<typeof prescriberPrescriptionView>;
export const prescriberPrescriptionsResponse = z.object({
  prescriptions: z.array(prescriberPrescriptionView),
});

export const prescriberRequestView = z.object({
  id: uuid,
  patientName: z.string(),
  patientDateOfBirth: localDate,
  memberNumber: z.string(),
  drugDescription: z.string(),
  previous: z
    .object({
      rxNumber: z.string(),
      ndc: z.string(),
      quantity: z.number(),
      daysSupply: z.number().int(),
      directions: z.string(),
    })
    .nullable(),
  createdAt: z.string(),
});
export type PrescriberRequestView = z.infer<typeof prescriberRequestView>;
export const prescriberRequestsResponse = z.object({ requests: z.array(prescriberRequestView) });
export const declineRequest = z.object({ reason: text(300).min(3, 'Say why') });
