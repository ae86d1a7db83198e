// "Refill due" notices (the worker's `refill-reminders` job, daily): a prescription not on automatic refill whose
// next refill became possible in the last few days gets one notice per fill cycle (dedupe key = prescription +
// eligible date), pointing to home delivery or, for a retail prescription, to the member's pharmacy.
import { addDays, localDateInTimeZone } from '@openpbm/domain';
import type { AppDeps } from '../app-deps';
import { notifyMember } from '../messages/notify';
import { longDate, refillFacts } from './refill-view';
import { selectPrescriptions } from './repo';

/** Days after the eligible date during which a late run still sends the notice. */
const GRACE_DAYS = 3;

export async function runRefillReminders(
  deps: AppDeps,
  now: Date,
): Promise<{ checked: number; notified: number }> {
  const latest = addDays(localDateInTimeZone(now, 'UTC'), 1);
  const { rows } = await deps.db.sql.query<{ id: string }>(
    `select p.id from prescriptions p
       left join auto_refill_enrollments ae on ae.prescription_id = p.id and ae.status = 'active'
      where p.status = 'active' and p.last_fill_date is not null and ae.id is null
        and p.last_fill_date + (p.days_supply / 2) <= $1::date
        and p.last_fill_date + p.days_supply + $2::int >= $1::date - 1`,
    [latest, GRACE_DAYS],
  );
  let notified = 0;
  const candidates = await selectPrescriptions(
    deps.db.sql,
    rows.map((r) => r.id),
  );
  for (const rx of candidates) {
    const today = localDateInTimeZone(now, rx.time_zone);
    const facts = refillFacts(rx, today);
    const due = facts.nextEligibleDate;
    if (!due || due > today || due < addDays(today, -GRACE_DAYS)) continue;
    if (facts.state !== 'eligible' && facts.state !== 'retail') continue;
    const where =
      facts.state === 'eligible'
        ? 'Order it by home delivery from your Prescriptions page, or turn on automatic refills.'
        : `Refill it at ${rx.pharmacy_name}, or transfer it to home delivery.`;
    notified += await notifyMember(deps, {
      kind: 'refill_due',
      memberId: rx.member_id,
      subject: `Rx ${rx.rx_number} can be refilled`,
      body: `${rx.drug_name} (Rx ${rx.rx_number}) for ${rx.first_name} can be refilled since ${longDate(due)}. ${where}`,
      portalPath: `/members/prescriptions/${rx.id}`,
      dedupeKey: `refill_due:${rx.id}:${due}`,
    });
  }
  return { checked: candidates.length, notified };
}
