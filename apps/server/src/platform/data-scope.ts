// Whose rows a repository may read or change. A scoped repository (`fooRepo(db, scope)`) puts the scope into
// every statement it runs, so a service cannot forget the filter: a row out of scope reads as absent (the
// service answers 404). Reads that must see across callers (an id looked up before anyone is signed in, the
// pharmacy an NDC or NPI names, the member a claim belongs to) go through a repository whose name starts with
// `system` (`systemFooRepo(db)`), so a privileged read says so where it is made.
import type { Principal } from '../identity/principal';
import { forbidden } from './problem';

/** Why staff read a member's data (HIPAA purpose of use); it goes into every audit row of the read. */
export type StaffPurpose = 'treatment' | 'payment' | 'operations';

export type DataScope =
  /** A member acting for themselves only. */
  | { readonly kind: 'member'; readonly userId: string; readonly memberIds: readonly [string] }
  /** A member acting for the family members they may see or manage (family/access.ts decides who). */
  | { readonly kind: 'family'; readonly userId: string; readonly memberIds: readonly string[] }
  /** Staff of one pharmacy: the rows that pharmacy holds or serves. */
  | { readonly kind: 'pharmacy'; readonly userId: string; readonly pharmacyId: string }
  /** A prescriber: their own patients' requests and prescriptions. */
  | { readonly kind: 'prescriber'; readonly userId: string; readonly prescriberId: string }
  /** A plan sponsor (client) user: their own plans' members, in aggregate or per member. */
  | { readonly kind: 'client'; readonly userId: string; readonly clientId: string }
  /** PBM staff reading across members for a stated purpose. */
  | { readonly kind: 'staff'; readonly userId: string; readonly purpose: StaffPurpose };

export type ScopeKind = DataScope['kind'];
export type ScopeOf<K extends ScopeKind> = Extract<DataScope, { kind: K }>;

/**
 * A repository was asked for a scope it does not serve, or to write a row outside its scope: a programming error
 * (the service should have checked access first), never the caller's fault, so it surfaces as a 500.
 */
export class ScopeViolation extends Error {
  constructor(repository: string, kind: ScopeKind) {
    super(`${repository}: not in the ${kind} scope`);
    this.name = 'ScopeViolation';
  }
}

/** The member ids a member or family scope covers; other scopes cover none. */
export const scopeMemberIds = (scope: DataScope): readonly string[] =>
  scope.kind === 'member' || scope.kind === 'family' ? scope.memberIds : [];

export function prescriberScope(principal: Principal): ScopeOf<'prescriber'> {
  if (!principal.prescriberId) throw forbidden();
  return { kind: 'prescriber', userId: principal.userId, prescriberId: principal.prescriberId };
}

export const pharmacyScope = (principal: Principal, pharmacyId: string): ScopeOf<'pharmacy'> => ({
  kind: 'pharmacy',
  userId: principal.userId,
  pharmacyId,
});
