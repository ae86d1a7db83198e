// API contract of the digital member ID card.
import { z } from 'zod';

export const idCard = z.object({
  memberId: z.uuid(),
  memberName: z.string(),
  /** The member ID printed on the card. */
  memberNumber: z.string(),
  personCode: z.string(),
  /** Employer group number and name. */
  groupNumber: z.string(),
  groupName: z.string(),
  sponsorName: z.string(),
  planName: z.string(),
  /** Claim routing for pharmacies (NCPDP BIN 101-A1, PCN 104-A4, group 301-C1). */
  bin: z.string(),
  pcn: z.string(),
  rxGroup: z.string(),
  customerServicePhone: z.string(),
  coverageStart: z.string(),
  coverageEnd: z.string().nullable(),
  /** When this copy was made (an offline copy shows it). */
  issuedAt: z.string(),
});
export type IdCard = z.infer<typeof idCard>;
export const idCardsResponse = z.object({ cards: z.array(idCard) });
