// What a member sees for one prescription today: its refill state with a plain-language message and the actions
// that make sense (refill, transfer to home delivery, ask my doctor, auto-refill). Pure: rows in, view out.

import type { FamilyAccess } from '@openpbm/domain';
import {
  addDays,
  DEFAULT_REFILL_THRESHOLD_BPS,
  isPrescriptionExpired,
  type LocalDate,
  nextEligibleRefillDate,
} from '@openpbm/domain';
import {
  ORDER_STATUS_LABELS,
  type OrderStatusValue,
  type PrescriptionSummary,
  type RefillStateValue,
} from '@openpbm/shared/pharmacy';
import type { PrescriptionRow } from './repo';

const CLOSED = new Set(['cancelled', 'transferred', 'completed']);

/** "March 20, 2026" for messages. */
export function longDate(date: LocalDate): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString('en-US', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  });
}

export interface RefillFacts {
  state: RefillStateValue;
  message: string;
  nextEligibleDate: LocalDate | null;
  current: boolean;
  /** Fills still allowed, the next one included. */
  fillsLeft: number;
}

export function refillFacts(row: PrescriptionRow, today: LocalDate): RefillFacts {
  const nextEligibleDate = row.last_fill_date
    ? nextEligibleRefillDate(
        { fillDate: row.last_fill_date, daysSupply: row.days_supply },
        row.refill_threshold_bps ?? DEFAULT_REFILL_THRESHOLD_BPS,
      )
    : null;
  // expiry_date is the last fillable day; the rules take the first day it is no longer valid.
  const expired =
    row.status === 'expired' ||
    isPrescriptionExpired(
      {
        writtenDate: row.written_date,
        refillsAuthorized: row.refills_authorized,
        fillsDispensed: row.fill_count,
        expiresOn: addDays(row.expiry_date, 1),
      },
      today,
    );
  const fillsLeft = row.fill_count === 0 ? row.refills_remaining + 1 : row.refills_remaining;
  const base = { nextEligibleDate, fillsLeft };
  if (CLOSED.has(row.status)) {
    const message =
      row.status === 'transferred'
        ? 'Transferred to another pharmacy.'
        : row.status === 'completed'
          ? 'All fills have been used.'
          : 'Cancelled by the prescriber or pharmacy.';
    return { ...base, state: 'closed', message, current: false };
  }
  if (expired) {
    return {
      ...base,
      state: 'expired',
      message: `Expired after ${longDate(row.expiry_date)}. Ask your doctor for a new prescription.`,
      current: false,
    };
  }
  if (row.status === 'on_hold')
    return { ...base, state: 'on_hold', message: 'On hold at the pharmacy.', current: true };
  if (fillsLeft === 0) {
    return {
      ...base,
      state: 'no_refills_left',
      message: 'No refills left. Ask your doctor for a new prescription.',
      current: true,
    };
  }
  if (row.open_order_id && row.open_order_number) {
    const label =
      ORDER_STATUS_LABELS[(row.open_order_status ?? 'received') as OrderStatusValue].toLowerCase();
    return {
      ...base,
      state: 'in_progress',
      message: `In order ${row.open_order_number} (${label}).`,
      current: true,
    };
  }
  if (!row.home_delivery) {
    return {
      ...base,
      state: 'retail',
      message: `Filled at ${row.pharmacy_name}. Transfer it to home delivery to order refills here.`,
      current: true,
    };
  }
  if (nextEligibleDate && nextEligibleDate > today) {
    return {
      ...base,
      state: 'too_soon',
      message: `Too soon to refill. You can refill it on or after ${longDate(nextEligibleDate)}.`,
      current: true,
    };
  }
  return { ...base, state: 'eligible', message: 'Ready to refill.', current: true };
}

export function toSummary(row: PrescriptionRow, today: LocalDate, access: FamilyAccess): PrescriptionSummary {
  const facts = refillFacts(row, today);
  const canManage = access === 'manage';
  return {
    id: row.id,
    rxNumber: row.rx_number,
    memberId: row.member_id,
    memberName: `${row.first_name} ${row.last_name}`,
    drugName: row.drug_name,
    ndc: row.ndc,
    maintenance: row.maintenance,
    directions: row.directions,
    quantity: row.quantity_milli / 1000,
    daysSupply: row.days_supply,
    prescriber: { id: row.prescriber_id, name: row.prescriber_name, phone: row.prescriber_phone },
    pharmacy: {
      id: row.pharmacy_id,
      name: row.pharmacy_name,
      phone: row.pharmacy_phone,
      homeDelivery: row.home_delivery,
    },
    status: row.status,
    current: facts.current,
    refillsAuthorized: row.refills_authorized,
    refillsRemaining: row.refills_remaining,
    lastFillDate: row.last_fill_date,
    nextEligibleDate: facts.nextEligibleDate,
    fillableThrough: row.expiry_date,
    refillState: facts.state,
    refillMessage: facts.message,
    canRefill: canManage && facts.state === 'eligible',
    canTransferToHomeDelivery: canManage && facts.state === 'retail',
    canAskDoctor: canManage && (facts.state === 'no_refills_left' || facts.state === 'expired'),
    openOrder:
      row.open_order_id && row.open_order_number
        ? {
            id: row.open_order_id,
            orderNumber: row.open_order_number,
            status: row.open_order_status ?? 'received',
          }
        : null,
    autoRefill:
      row.enrollment_id && row.enrollment_status && row.enrollment_next_date
        ? {
            enrollmentId: row.enrollment_id,
            status: row.enrollment_status,
            nextRefillDate: row.enrollment_next_date,
          }
        : null,
    autoRefillEligible:
      canManage &&
      !row.enrollment_id &&
      row.maintenance &&
      row.home_delivery &&
      facts.current &&
      facts.state !== 'on_hold' &&
      facts.fillsLeft > 0,
  };
}
