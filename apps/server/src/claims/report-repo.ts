// C1-C3 controlled substance report SQL: find the report in force, withdraw it and store its C2/C3.
import type { NamedStatement } from '../platform/named-query';
import { type ClaimRow, insertClaim } from './claim-write-repo';
import type { Run } from './repo';

const FIND_REPORT: NamedStatement = {
  name: 'claim_find_report_v1',
  text: `select id from claims
  where service_provider_id = $1 and rx_number = $2 and fill_number = $3 and date_of_service = $4::date
    and transaction_code in ('C1', 'C3') and status = 'captured'
  order by received_at desc
  limit 1`,
};

/** The report in force for these keys (a C1, or the C3 that replaced it), or null. */
export async function findReport(
  run: Run,
  keys: { serviceProviderId: string; rxNumber: string; fillNumber: number; dateOfService: string },
): Promise<string | null> {
  const rows = await run<{ id: string }>(FIND_REPORT, [
    keys.serviceProviderId,
    keys.rxNumber,
    keys.fillNumber,
    keys.dateOfService,
  ]);
  return rows[0]?.id ?? null;
}

const WITHDRAW_REPORT: NamedStatement = {
  name: 'claim_withdraw_report_v1',
  text: `update claims set status = 'reversed', reversed_at = now() where id = $1 and status = 'captured'`,
};

/** Marks a report reversed (by a C2) or replaced (by a C3), then stores the C2/C3 row, in one transaction. */
export async function withdrawReport(run: Run, reportId: string, next: ClaimRow): Promise<void> {
  await run(WITHDRAW_REPORT, [reportId]);
  await insertClaim(run, next);
}
