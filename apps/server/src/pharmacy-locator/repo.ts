// SQL for the pharmacy locator: the nearest candidates inside a latitude/longitude box (pharmacies_geo_idx), with
// whether each is contracted in a network on a date.
import type { SqlExecutor } from '@openpbm/db';
import type { WeeklyHours } from '@openpbm/domain';

export interface PharmacyRow {
  id: string;
  name: string;
  address_line1: string;
  address_line2: string | null;
  city: string;
  state: string;
  zip: string;
  phone: string;
  latitude: number;
  longitude: number;
  time_zone: string;
  hours: WeeklyHours;
  open_24_hours: boolean;
  home_delivery: boolean;
  in_network: boolean;
}

export interface NearbyQuery {
  origin: { latitude: number; longitude: number };
  box: { minLatitude: number; maxLatitude: number; minLongitude: number; maxLongitude: number };
  networkId: string | null;
  onDate: string;
  inNetworkOnly: boolean;
  open24Hours: boolean;
  homeDelivery: boolean;
  /** How many to return, nearest first; null for every one in the box. */
  limit: number | null;
}

/**
 * Active pharmacies in the box that pass the stored-flag filters, nearest first by an approximate (flat-earth)
 * distance, at most `limit`: a dense metro's box holds hundreds, the page 25. The caller sorts by the exact
 * distance; over a locator's radius the approximation is off by far less than a page's margin.
 */
export async function pharmaciesNear(q: SqlExecutor, n: NearbyQuery): Promise<PharmacyRow[]> {
  const { rows } = await q.query<PharmacyRow>(
    `select * from (
       select p.id, p.name, p.address_line1, p.address_line2, p.city, p.state, p.zip, p.phone, p.latitude,
              p.longitude, p.time_zone, p.hours, p.open_24_hours, p.home_delivery,
              exists (select 1 from network_pharmacies np
                       where np.pharmacy_id = p.id and np.network_id = $5 and np.effective_date <= $6::date
                         and (np.termination_date is null or np.termination_date >= $6::date)) as in_network
         from pharmacies p
        where p.status = 'active' and p.latitude between $1 and $2 and p.longitude between $3 and $4
          and (not $7::boolean or p.open_24_hours) and (not $8::boolean or p.home_delivery)
     ) c
     where not $9::boolean or c.in_network
     order by (c.latitude - $10::float8) ^ 2 + ((c.longitude - $11::float8) * $12::float8) ^ 2, c.name
     limit $13`,
    [
      n.box.minLatitude,
      n.box.maxLatitude,
      n.box.minLongitude,
      n.box.maxLongitude,
      n.networkId,
      n.onDate,
      n.open24Hours,
      n.homeDelivery,
      n.inNetworkOnly,
      n.origin.latitude,
      n.origin.longitude,
      Math.cos((n.origin.latitude * Math.PI) / 180),
      n.limit ?? 5000,
    ],
  );
  return rows;
}

export async function memberNetwork(q: SqlExecutor, memberId: string, onDate: string) {
  const { rows } = await q.query<{ id: string; name: string }>(
    `select n.id, n.name from eligibility_spans s join plans pl on pl.id = s.plan_id join pharmacy_networks n on n.id = pl.pharmacy_network_id
      where s.member_id = $1 and s.status = 'active' and s.start_date <= $2::date and (s.end_date is null or s.end_date >= $2::date)
      order by s.start_date desc limit 1`,
    [memberId, onDate],
  );
  return rows[0] ?? null;
}

export async function memberZip(q: SqlExecutor, memberId: string): Promise<string | undefined> {
  const { rows } = await q.query<{ zip: string }>('select zip from members where id = $1', [memberId]);
  return rows[0]?.zip;
}
