// Calendar helpers the seed needs on top of the domain's LocalDate arithmetic.
import { addDays, addMonths, daysBetween, type LocalDate } from '@openpbm/domain';
import type { Prng } from './prng';

export const firstOfMonth = (date: LocalDate): LocalDate => `${date.slice(0, 7)}-01`;

export const endOfMonth = (date: LocalDate): LocalDate => addDays(addMonths(firstOfMonth(date), 1), -1);

export const minDate = (a: LocalDate, b: LocalDate): LocalDate => (a < b ? a : b);
export const maxDate = (a: LocalDate, b: LocalDate): LocalDate => (a > b ? a : b);

/** A day in [from, to], both inclusive. */
export function randomDate(prng: Prng, from: LocalDate, to: LocalDate): LocalDate {
  return addDays(from, prng.int(0, Math.max(0, daysBetween(from, to))));
}

/** An instant on a date, "HH:MM" in UTC. */
export const at = (date: LocalDate, time: string): Date => new Date(`${date}T${time}:00.000Z`);

/** A random instant during US business hours on a date (13:00-23:59 UTC covers 9 am to 7 pm in every US zone). */
export function businessInstant(prng: Prng, date: LocalDate): Date {
  const minutes = prng.int(13 * 60, 23 * 60 + 59);
  return at(
    date,
    `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`,
  );
}

export function todayUtc(): LocalDate {
  return new Date().toISOString().slice(0, 10);
}
