// API contracts for family access: whose prescriptions a member may see and the proxy access adults share.
import { z } from 'zod';
import { calendarDate } from './input';

export const familyAccessLevel = z.enum(['view', 'manage']);
export const familyRelationship = z.enum(['self', 'dependent', 'proxy']);

export const accessibleMember = z.object({
  memberId: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  relationship: familyRelationship,
  access: familyAccessLevel,
});
export type AccessibleMemberView = z.infer<typeof accessibleMember>;

export const proxyGrantView = z.object({
  id: z.uuid(),
  grantorMemberId: z.uuid(),
  grantorName: z.string(),
  granteeMemberId: z.uuid(),
  granteeName: z.string(),
  access: familyAccessLevel,
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
});
export type ProxyGrantView = z.infer<typeof proxyGrantView>;

export const familyResponse = z.object({
  members: z.array(accessibleMember),
  /** Adults in the family the member may share their own data with (only when the member is 18 or older). */
  canShareWith: z.array(z.object({ memberId: z.uuid(), firstName: z.string(), lastName: z.string() })),
  grantsGiven: z.array(proxyGrantView),
  grantsReceived: z.array(proxyGrantView),
  notice: z.string().nullable(),
});
export type FamilyResponse = z.infer<typeof familyResponse>;

export const createProxyGrantRequest = z.object({
  granteeMemberId: z.uuid(),
  access: familyAccessLevel,
  /** Optional last day of the grant ('YYYY-MM-DD'). */
  expiresOn: calendarDate('Use the format YYYY-MM-DD').optional(),
});
export type CreateProxyGrantRequest = z.infer<typeof createProxyGrantRequest>;
