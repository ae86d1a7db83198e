// Every 15 minutes: prior authorization deadlines (clock rules in packages/domain/src/prior-auth/clock.ts).
// 1. A request for information whose answer window passed: the decision clock restarts with the time that was
//    left, and the case goes back to the queue to be decided on the information at hand.
// 2. An open case whose decision clock ran out is escalated once (escalated_at): the queue flags it and any
//    reviewer may take it over. Each case is changed by one guarded statement that also writes its timeline
//    event, so a run that races another (or a reviewer's decision) never escalates twice or reopens a decision.
import { newId } from '@openpbm/db';
import { defineJob } from '../job';

const RESUME_ONE = `
with resumed as (
  update prior_authorizations
     set status = case when reviewer_user_id is null then 'pending' else 'in_review' end,
         due_at = $2::timestamptz + make_interval(secs => clock_remaining_seconds),
         clock_paused_at = null, clock_remaining_seconds = null, info_due_at = null, updated_at = $2
   where id = $1 and status = 'pending_info' and info_due_at < $2
  returning id
)
insert into prior_auth_events (id, case_id, kind, at)
select $3, id, 'info_window_expired', $2 from resumed
returning case_id`;

const ESCALATE_ONE = `
with escalated as (
  update prior_authorizations
     set escalated_at = $2, updated_at = $2
   where id = $1 and status in ('pending', 'in_review') and clock_paused_at is null
     and due_at < $2 and escalated_at is null
  returning id, due_at
)
insert into prior_auth_events (id, case_id, kind, at, detail)
select $3, id, 'escalated', $2, json_build_object('dueAt', due_at) from escalated
returning case_id`;

export const priorAuthEscalation = defineJob({
  name: 'prior-auth-escalation',
  cronUtc: '*/15 * * * *',
  queue: { policy: 'singleton', retryLimit: 3 },
  async run({ db, log }, now) {
    const at = now.toISOString();
    const waiting = await db.sql.query<{ id: string }>(
      `select id from prior_authorizations where status = 'pending_info' and info_due_at < $1`,
      [at],
    );
    let resumed = 0;
    for (const { id } of waiting.rows) {
      resumed += (await db.sql.query(RESUME_ONE, [id, at, newId()])).rows.length;
    }
    const overdue = await db.sql.query<{ id: string }>(
      `select id from prior_authorizations
        where status in ('pending', 'in_review') and clock_paused_at is null and due_at < $1 and escalated_at is null`,
      [at],
    );
    let escalated = 0;
    for (const { id } of overdue.rows) {
      escalated += (await db.sql.query(ESCALATE_ONE, [id, at, newId()])).rows.length;
    }
    log.info({ resumed, escalated }, 'prior authorization deadlines checked');
    return { resumed, escalated };
  },
});
