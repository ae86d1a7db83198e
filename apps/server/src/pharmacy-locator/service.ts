// Pharmacy locator: pharmacies near a ZIP code (its centroid) or the browser's location within a radius, in the
// member's plan network by default, with 24-hour, home-delivery and open-now filters, nearest first.
import { zipCentroid } from '@openpbm/db/reference/zip';
import {
  boundingBox,
  distanceMiles,
  hoursText,
  isOpenAt,
  localDateInTimeZone,
  parseLocalDate,
  zonedDateTime,
} from '@openpbm/domain';
import type { LocatorSearchResponse, locatorSearchRequest } from '@openpbm/shared/locator';
import type { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { requireMemberAccess } from '../family/access';
import type { Principal } from '../identity/principal';
import { badRequest } from '../platform/problem';
import * as repo from './repo';

type SearchInput = z.output<typeof locatorSearchRequest>;

function weekdayOf(date: string): number {
  const { year, month, day } = parseLocalDate(date);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

export async function searchPharmacies(
  deps: AppDeps,
  principal: Principal,
  input: SearchInput,
): Promise<LocatorSearchResponse> {
  const member = await requireMemberAccess(deps, principal, input.memberId, 'view');
  const now = deps.now();
  let origin: { latitude: number; longitude: number; label: string };
  const zip =
    input.zip ??
    (input.nearHome && input.latitude === undefined
      ? await repo.memberZip(deps.db.sql, member.memberId)
      : undefined);
  if (zip) {
    const centroid = zipCentroid(zip);
    if (!centroid)
      throw badRequest('We do not know this ZIP code.', [{ field: 'zip', message: 'Enter a US ZIP code' }]);
    origin = {
      latitude: centroid.latitude,
      longitude: centroid.longitude,
      label: `${centroid.city}, ${centroid.state} ${centroid.zip}`,
    };
  } else {
    origin = {
      latitude: input.latitude as number,
      longitude: input.longitude as number,
      label: 'Your location',
    };
  }
  const today = localDateInTimeZone(now, member.timeZone);
  const network = await repo.memberNetwork(deps.db.sql, member.memberId, today);
  const nearby = (limit: number | null) =>
    repo.pharmaciesNear(deps.db.sql, {
      origin,
      box: boundingBox(origin, input.radiusMiles),
      networkId: network?.id ?? null,
      onDate: today,
      inNetworkOnly: input.inNetworkOnly,
      open24Hours: input.open24Hours ?? false,
      homeDelivery: input.homeDelivery ?? false,
      limit,
    });
  // The database keeps the nearest (a margin over the page for the approximate order and the radius cut);
  // opening hours (time-zone work per pharmacy) are worked out here. When "open now" leaves the page short
  // and the box may hold more, look at every candidate in it.
  const window = input.limit * 2 + 10;
  const near = await nearby(window);
  let pharmacies = pageOf(near, origin, input, now);
  if (input.openNow && pharmacies.length < input.limit && near.length === window) {
    pharmacies = pageOf(await nearby(null), origin, input, now);
  }
  return { origin, radiusMiles: input.radiusMiles, networkName: network?.name ?? null, pharmacies };
}

/** Exact distance, radius and open-now: the page, nearest first (then by name). */
function pageOf(
  rows: repo.PharmacyRow[],
  origin: { latitude: number; longitude: number },
  input: SearchInput,
  now: Date,
): LocatorSearchResponse['pharmacies'] {
  const candidates = rows
    .map((row) => ({ row, distance: Math.round(distanceMiles(origin, row) * 10) / 10 }))
    .filter(({ distance }) => distance <= input.radiusMiles)
    .sort((a, b) => a.distance - b.distance || a.row.name.localeCompare(b.row.name));
  const pharmacies: LocatorSearchResponse['pharmacies'] = [];
  for (const { row: p, distance } of candidates) {
    if (pharmacies.length >= input.limit) break;
    const local = zonedDateTime(now, p.time_zone);
    const weekday = weekdayOf(local.date);
    const openNow = isOpenAt(p.hours, p.open_24_hours, weekday, local.hour * 60 + local.minute);
    if (input.openNow && !openNow) continue;
    pharmacies.push({
      id: p.id,
      name: p.name,
      address: [p.address_line1, p.address_line2].filter(Boolean).join(', '),
      city: p.city,
      state: p.state,
      zip: p.zip,
      phone: p.phone,
      latitude: p.latitude,
      longitude: p.longitude,
      distanceMiles: distance,
      inNetwork: p.in_network,
      open24Hours: p.open_24_hours,
      homeDelivery: p.home_delivery,
      openNow,
      hoursToday: hoursText(p.hours, p.open_24_hours, weekday),
    });
  }
  return pharmacies;
}
