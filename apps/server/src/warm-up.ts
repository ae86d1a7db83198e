// Runs the hot member actions' statements once before the server takes requests. Cold, the first price check or
// pharmacy search after a start paid for PGlite loading its catalog caches and planning the large benefit-context
// statement (0.5–1.5 s measured on the demo data, several times that on a busy machine), and for building the
// time-zone formatters; a member should not be the one who waits for that.
import { localDateInTimeZone } from '@openpbm/domain';
import type { AppDeps } from './app-deps';
import { selectMemberBenefitContext } from './benefits/member-benefit-context-repo';
import { pharmaciesNear } from './pharmacy-locator/repo';

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

export async function warmUp(deps: AppDeps): Promise<void> {
  const now = deps.now();
  // Finds no member (so reads nothing), but plans the whole statement and loads the tables' metadata.
  await selectMemberBenefitContext(deps.db.db, {
    memberId: NIL_UUID,
    dateOfService: null,
    at: now.toISOString(),
    planId: null,
    drugNdcs: [null],
    drugGroupIds: [NIL_UUID],
  });
  const today = now.toISOString().slice(0, 10);
  await pharmaciesNear(deps.db.sql, {
    origin: { latitude: 0, longitude: 0 },
    box: { minLatitude: 0, maxLatitude: 0, minLongitude: 0, maxLongitude: 0 },
    networkId: null,
    onDate: today,
    inNetworkOnly: false,
    open24Hours: false,
    homeDelivery: false,
    limit: 1,
  });
  const { rows } = await deps.db.sql.query<{ time_zone: string }>(
    'select time_zone from pharmacies union select time_zone from members',
  );
  for (const { time_zone } of rows) localDateInTimeZone(now, time_zone);
}
