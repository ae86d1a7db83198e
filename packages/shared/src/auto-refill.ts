// API contracts for automatic refills.
import { z } from 'zod';

export const enrollAutoRefillRequest = z.object({ prescriptionId: z.uuid(), paymentMethodId: z.uuid() });
export type EnrollAutoRefillRequest = z.infer<typeof enrollAutoRefillRequest>;

export const autoRefillEnrollment = z.object({
  id: z.uuid(),
  prescriptionId: z.uuid(),
  rxNumber: z.string(),
  drugName: z.string(),
  memberId: z.uuid(),
  memberName: z.string(),
  status: z.enum(['active', 'paused']),
  /** Member's local date the next refill will be ordered. */
  nextRefillDate: z.string(),
  cardLabel: z.string().nullable(),
  paymentMethodId: z.uuid(),
  /** Why the last automatic order could not be placed (the enrollment is paused until fixed). */
  problem: z.string().nullable(),
  lastOrderId: z.uuid().nullable(),
  lastOrderNumber: z.string().nullable(),
});
export type AutoRefillEnrollmentView = z.infer<typeof autoRefillEnrollment>;

export const autoRefillsResponse = z.object({ enrollments: z.array(autoRefillEnrollment) });
export type AutoRefillsResponse = z.infer<typeof autoRefillsResponse>;

export const changeAutoRefillCard = z.object({ paymentMethodId: z.uuid() });
