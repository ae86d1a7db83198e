// Prescriptions of one therapy: written when the last one ran out of refills or expired, and closed out at the
// end with the status, fill count and refills left that its paid fills imply (the domain's refill rules).
import {
  addDays,
  type DeaSchedule,
  type LocalDate,
  prescriptionExpiresOn,
  refillsRemaining,
} from '@openpbm/domain';
import type { prescriptions } from '../schema/index';
import { at, maxDate } from './dates';
import type { CatalogGroup } from './drug-catalog';
import type { IdentifierFactory } from './identifiers';
import type { Prng, SeedIds } from './prng';
import type { Therapy } from './therapies';

type PrescriptionRow = typeof prescriptions.$inferInsert;

export interface WrittenPrescription {
  row: PrescriptionRow & {
    id: string;
    rxNumber: string;
    expiryDate: string;
    writtenDate: string;
    refillsAuthorized: number;
  };
  /** Dates of paid, not reversed fills. */
  fills: LocalDate[];
  firstMailFill: LocalDate | null;
}

const DEA_SCHEDULES: Record<string, DeaSchedule> = { '2': 'II', '3': 'III', '4': 'IV', '5': 'V' };

const deaScheduleOf = (group: CatalogGroup): DeaSchedule | null =>
  group.ref.deaSchedule ? (DEA_SCHEDULES[group.ref.deaSchedule] ?? null) : null;

/** Whether the next fill needs a new prescription: no refills left, or past its last valid day. */
export const needsNewPrescription = (rx: WrittenPrescription | null, date: LocalDate): boolean =>
  !rx || rx.fills.length > rx.row.refillsAuthorized || date > rx.row.expiryDate;

/** A prescription written a few days before `date` (never before the previous one of the therapy). */
export function writePrescription(
  ids: SeedIds,
  numbers: IdentifierFactory,
  prng: Prng,
  therapy: Therapy,
  date: LocalDate,
  previous: WrittenPrescription | null,
): WrittenPrescription {
  const writtenDate = maxDate(addDays(date, -prng.int(0, 3)), previous?.row.writtenDate ?? date);
  const expiresOn = prescriptionExpiresOn({
    writtenDate,
    refillsAuthorized: therapy.refillsAuthorized,
    fillsDispensed: 0,
    deaSchedule: deaScheduleOf(therapy.group),
  });
  return {
    row: {
      id: ids.next(),
      rxNumber: numbers.rxNumber(),
      memberId: therapy.member.id,
      prescriberId: therapy.prescriber.id,
      pharmacyId: therapy.pharmacy.id,
      ndc: therapy.product.ref.ndc,
      drugGroupId: therapy.group.id,
      quantityMilli: therapy.amount.quantityMilli,
      daysSupply: therapy.amount.daysSupply,
      directions: therapy.group.dose.sig,
      refillsAuthorized: therapy.refillsAuthorized,
      refillsRemaining: therapy.refillsAuthorized,
      writtenDate,
      // The domain gives the first day it is no longer valid; the column holds the last valid day.
      expiryDate: addDays(expiresOn, -1),
      status: 'active',
      fillCount: 0,
      autoRefillEnabled: false,
    },
    fills: [],
    firstMailFill: null,
  };
}

export interface ClosingFacts {
  asOf: LocalDate;
  /** The therapy's latest prescription (earlier ones were superseded). */
  current: boolean;
  /** The member stopped taking the drug. */
  stopped: boolean;
  /** When the therapy's next fill would happen, if it goes on. */
  nextFill: LocalDate | null;
}

/** Fill count, refills left, status and auto-refill enrollment as of the seed's as-of date. */
export function closePrescription(
  rx: WrittenPrescription,
  therapy: Therapy,
  facts: ClosingFacts,
  prng: Prng,
): PrescriptionRow {
  const row = rx.row;
  const fills = rx.fills.length;
  row.fillCount = fills;
  row.lastFillDate = rx.fills[fills - 1] ?? null;
  row.refillsRemaining = refillsRemaining({
    writtenDate: row.writtenDate,
    refillsAuthorized: row.refillsAuthorized,
    fillsDispensed: fills,
    deaSchedule: deaScheduleOf(therapy.group),
  });
  const exhausted = fills > row.refillsAuthorized;
  // A long-term drug the member stopped is sometimes cancelled by the prescriber; otherwise it just stays.
  const cancelled = facts.stopped && therapy.kind !== 'acute' && prng.chance(0.15);
  row.status =
    row.expiryDate < facts.asOf
      ? 'expired'
      : exhausted || !facts.current
        ? 'completed'
        : cancelled
          ? 'cancelled'
          : 'active';
  if (isOngoing(row, facts) && therapy.autoRefill && rx.firstMailFill && facts.nextFill) {
    row.autoRefillEnabled = true;
    row.autoRefillEnrolledAt = at(rx.firstMailFill, '15:00');
    row.autoRefillNextDate = facts.nextFill;
  }
  return row;
}

/** Active, the therapy's latest, and due to be filled again. */
export const isOngoing = (row: PrescriptionRow, facts: ClosingFacts): boolean =>
  facts.current && row.status === 'active' && !facts.stopped && facts.nextFill !== null;
