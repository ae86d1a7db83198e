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
  const rows = await repo.pharmaciesInBox(
    deps.db.sql,
    boundingBox(origin, input.radiusMiles),
    network?.id ?? null,
    today,
  );
  const pharmacies = rows
    .map((p) => {
      const local = zonedDateTime(now, p.time_zone);
      const weekday = weekdayOf(local.date);
      return {
        id: p.id,
        name: p.name,
        address: [p.address_line1, p.address_line2].filter(Boolean).join(', '),
        city: p.city,
        state: p.state,
        zip: p.zip,
        phone: p.phone,
        latitude: p.latitude,
        longitude: p.longitude,
        distanceMiles: Math.round(distanceMiles(origin, p) * 10) / 10,
        inNetwork: p.in_network,
        open24Hours: p.open_24_hours,
        homeDelivery: p.home_delivery,
        openNow: isOpenAt(p.hours, p.open_24_hours, weekday, local.hour * 60 + local.minute),
        hoursToday: hoursText(p.hours, p.open_24_hours, weekday),
      };
    })
    .filter((p) => p.distanceMiles <= input.radiusMiles)
    .filter((p) => !input.inNetworkOnly || p.inNetwork)
    .filter((p) => !input.open24Hours || p.open24Hours)
    .filter((p) => !input.homeDelivery || p.homeDelivery)
    .filter((p) => !input.openNow || p.openNow)
    .sort((a, b) => a.distanceMiles - b.distanceMiles || a.name.localeCompare(b.name))
    .slice(0, input.limit);
  return { origin, radiusMiles: input.radiusMiles, networkName: network?.name ?? null, pharmacies };
}
