// Customer service acting for a member: refill, address, automatic refill on/off, transfer, activation e-mail.
// Each first records the member's verbal consent, then calls the member-facing service itself (no copy of its
// rules) with an "on behalf of" principal: the agent is the actor (audit rows, order requested_by, enrollment
// enrolled_by carry the agent's user id and role) and the member is the scope. The member sees each action as
// "done for you by customer service on DATE".
import {
  activationIndex,
  decryptField,
  encryptField,
  FIELD_CONTEXTS,
  fieldKeyFromConfig,
} from '@openpbm/db/field-crypto';
import type { AssistedAction } from '@openpbm/db/schema/support';
import type { AppDeps } from '../app-deps';
import { changeAutoRefill, enrollAutoRefill } from '../auto-refill/service';
import type { Principal } from '../identity/principal';
import { createRegistrationService } from '../identity/registration-service';
import { publicBaseUrl } from '../identity/security-mail';
import { notifyOrderPlaced } from '../orders/notifications';
import { placeOrder } from '../orders/place-order';
import { badRequest, conflict } from '../platform/problem';
import type { ReadContext } from '../prescriptions/service';
import { auditByCaller } from '../privacy/audit';
import { requestTransfer } from '../transfers/service';
import * as repo from './assist-repo';
import { requireServedMember, type StaffContext } from './scope';

const noCardOnFile = () =>
  badRequest('The member has no card on file.', [
    {
      field: 'prescriptionIds',
      message: 'This refill costs money: the member adds a card under Payment in the portal first',
    },
  ]);

export interface Consent {
  consentStatement: string;
}

/** The agent, scoped to the member: services see the member as "self" and record the agent as the actor. */
function onBehalfOf(ctx: StaffContext, memberId: string): ReadContext {
  const principal: Principal = { ...ctx.principal, memberId, clientId: null, advisorId: null };
  return { principal, ip: ctx.ip };
}

async function recordConsent(deps: AppDeps, ctx: StaffContext, memberId: string, action: AssistedAction) {
  await auditByCaller(deps, ctx, {
    action: 'consent_recorded',
    resourceType: 'assisted_action',
    resourceId: null,
    memberId,
    reason: 'member_request',
    detail: { action },
  });
}

async function done(
  deps: AppDeps,
  ctx: StaffContext,
  memberId: string,
  action: AssistedAction,
  consent: Consent,
  resourceId: string | null,
) {
  await repo.insertAssistedAction(deps.db.db, {
    memberId,
    staffUserId: ctx.principal.userId,
    action,
    consentStatement: consent.consentStatement,
    consentAt: deps.now(),
    resourceId,
  });
  return { action, resourceId, at: deps.now().toISOString() };
}

/** Consent first (audited even if the action then fails), then the member's own service. */
async function act<T extends string | null>(
  deps: AppDeps,
  ctx: StaffContext,
  memberId: string,
  action: AssistedAction,
  consent: Consent,
  run: (member: Awaited<ReturnType<typeof requireServedMember>>) => Promise<T>,
) {
  const member = await requireServedMember(deps, ctx, memberId);
  await recordConsent(deps, ctx, memberId, action);
  const resourceId = await run(member);
  return done(deps, ctx, memberId, action, consent, resourceId);
}

export function assistedRefill(
  deps: AppDeps,
  ctx: StaffContext,
  memberId: string,
  input: Consent & { prescriptionIds: string[] },
  idempotencyKey: string | null,
) {
  return act(deps, ctx, memberId, 'refill_placed', input, async () => {
    const card = await repo.defaultCardOf(deps.db.db, memberId);
    const placed = await placeOrder(deps, {
      memberId,
      payerMemberId: memberId,
      prescriptionIds: input.prescriptionIds,
      shippingSpeed: 'standard',
      shippingAddress: null,
      paymentMethodId: card,
      source: 'member',
      actor: { userId: ctx.principal.userId, role: ctx.principal.role, ip: ctx.ip },
      idempotencyKey: idempotencyKey ? `${ctx.principal.userId}:${idempotencyKey}` : null,
    }).catch((error: { status?: number; errors?: Array<{ field: string }> }) => {
      // Agents never handle card numbers: a refill that costs money needs the member's own card on file.
      if (!card && error.status === 400 && error.errors?.[0]?.field === 'paymentMethodId')
        throw noCardOnFile();
      throw error;
    });
    if (placed.created) await notifyOrderPlaced(deps, placed.orderId);
    return placed.orderId;
  });
}

export function assistedAddressChange(
  deps: AppDeps,
  ctx: StaffContext,
  memberId: string,
  input: Consent & { line1: string; line2?: string | undefined; city: string; state: string; zip: string },
) {
  return act(deps, ctx, memberId, 'address_changed', input, async (member) => {
    const key = fieldKeyFromConfig(deps.config);
    const dob = decryptField(key, member.dateOfBirthEnc, FIELD_CONTEXTS.dateOfBirth);
    await repo.updateAddressOnFile(
      deps.db.db,
      memberId,
      {
        addressLine1Enc: encryptField(key, input.line1, FIELD_CONTEXTS.addressLine1),
        addressLine2Enc: input.line2 ? encryptField(key, input.line2, FIELD_CONTEXTS.addressLine2) : null,
        city: input.city,
        state: input.state,
        zip: input.zip,
        // Account activation asks for the ZIP on file, so its blind index follows the new address.
        activationBidx: activationIndex(key, member.lastName, dob, input.zip),
      },
      deps.now(),
    );
    await auditByCaller(deps, ctx, {
      action: 'updated',
      resourceType: 'member_address',
      resourceId: memberId,
      memberId,
      reason: 'member_request',
    });
    return memberId;
  });
}

export function assistedAutoRefill(
  deps: AppDeps,
  ctx: StaffContext,
  memberId: string,
  input: Consent & { prescriptionId: string; on: boolean },
) {
  return act(deps, ctx, memberId, input.on ? 'auto_refill_on' : 'auto_refill_off', input, async () => {
    const behalf = onBehalfOf(ctx, memberId);
    const existing = await repo.enrollmentOf(deps.db.db, input.prescriptionId);
    if (!input.on) {
      if (existing?.status !== 'active')
        throw conflict('Automatic refills are not on for this prescription.');
      await changeAutoRefill(deps, behalf, existing.id, { action: 'pause' });
      return existing.id;
    }
    if (existing?.status === 'active')
      throw conflict('Automatic refills are already on for this prescription.');
    if (existing?.status === 'paused') {
      await changeAutoRefill(deps, behalf, existing.id, { action: 'resume' });
      return existing.id;
    }
    const card = await repo.defaultCardOf(deps.db.db, memberId);
    if (!card) {
      throw badRequest('The member has no card on file.', [
        { field: 'prescriptionId', message: 'The member adds a card under Payment in the portal first' },
      ]);
    }
    const created = await enrollAutoRefill(deps, behalf, {
      prescriptionId: input.prescriptionId,
      paymentMethodId: card,
    });
    return created.id;
  });
}

export function assistedTransfer(
  deps: AppDeps,
  ctx: StaffContext,
  memberId: string,
  input: Consent & { pharmacyName: string; pharmacyPhone: string; rxNumber: string; drugDescription: string },
) {
  return act(deps, ctx, memberId, 'transfer_started', input, async () => {
    const view = await requestTransfer(deps, onBehalfOf(ctx, memberId), {
      source: 'manual',
      memberId,
      pharmacyName: input.pharmacyName,
      pharmacyPhone: input.pharmacyPhone,
      rxNumber: input.rxNumber,
      drugDescription: input.drugDescription,
    });
    return view.id;
  });
}

export function resendActivationEmail(deps: AppDeps, ctx: StaffContext, memberId: string, input: Consent) {
  return act(deps, ctx, memberId, 'activation_email_sent', input, async () => {
    const account = await repo.memberAccount(deps.db.db, memberId);
    if (!account) throw conflict('This member has not activated an online account yet.');
    if (account.emailVerifiedAt) throw conflict('This member’s e-mail address is already confirmed.');
    await createRegistrationService(deps).sendEmailVerification(
      account.id,
      account.email,
      publicBaseUrl(deps),
    );
    return account.id;
  });
}

/** The member's own list: "done for you by customer service on DATE" (no agent name, no consent text). */
export async function doneForMe(deps: AppDeps, memberId: string) {
  const rows = await repo.listAssistedActions(deps.db.db, memberId);
  return rows.map((r) => ({ id: r.id, action: r.action, at: r.createdAt.toISOString() }));
}
