// Nightly: eligibility spans whose last covered day has passed in the member's own time zone become
// 'expired', so eligibility checks, ID cards and reports see the member as no longer covered.
import { defineJob } from '../job';

export const eligibilityExpiry = defineJob({
  name: 'eligibility-expiry',
  // 06:00 UTC is after midnight in every US time zone (Hawaii included).
  cronUtc: '0 6 * * *',
  queue: { policy: 'singleton', retryLimit: 3 },
  async run({ db, log }, now) {
    const { rows } = await db.sql.query<{ id: string }>(
      `update eligibility_spans s
          set status = 'expired', updated_at = $1
         from members m
        where m.id = s.member_id
          and s.status = 'active'
          and s.end_date is not null
          and s.end_date < ($1::timestamptz at time zone m.time_zone)::date
      returning s.id`,
      [now.toISOString()],
    );
    log.info({ expired: rows.length }, 'eligibility spans expired');
    return { expired: rows.length };
  },
});
