// US ZIP code centroids from the `zipcodes` npm package (BSD licence) and each state's main time zone.
import zipcodes from 'zipcodes';

export interface ZipCentroid {
  zip: string;
  city: string;
  state: string;
  latitude: number;
  longitude: number;
}

/** Centroid of a 5-digit US ZIP code, or null when unknown. */
export function zipCentroid(zip: string): ZipCentroid | null {
  const info = zipcodes.lookup(zip.slice(0, 5));
  if (info?.country !== 'US') return null;
  return {
    zip: info.zip,
    city: info.city,
    state: info.state,
    latitude: info.latitude,
    longitude: info.longitude,
  };
}

let byState: Map<string, string[]> | undefined;

/** All known ZIP codes of a state, sorted (stable input for deterministic seeding). */
export function zipsInState(state: string): string[] {
  if (!byState) {
    byState = new Map();
    for (const info of Object.values(zipcodes.codes)) {
      if (info.country !== 'US' || !/^\d{5}$/.test(info.zip)) continue;
      const list = byState.get(info.state) ?? [];
      list.push(info.zip);
      byState.set(info.state, list);
    }
    for (const list of byState.values()) list.sort();
  }
  return byState.get(state) ?? [];
}

/** ZIP codes within `miles` of a ZIP centroid, sorted. */
export function zipsNear(zip: string, miles: number): string[] {
  return zipcodes
    .radius(zip, miles)
    .filter((z) => /^\d{5}$/.test(z))
    .sort();
}

// A state's most populous time zone; members in the few split states may correct theirs in their profile.
// biome-ignore format: table
const STATE_TIME_ZONES: Record<string, string> = {
  AL: 'America/Chicago', AK: 'America/Anchorage', AZ: 'America/Phoenix', AR: 'America/Chicago',
  CA: 'America/Los_Angeles', CO: 'America/Denver', CT: 'America/New_York', DE: 'America/New_York',
  DC: 'America/New_York', FL: 'America/New_York', GA: 'America/New_York', HI: 'Pacific/Honolulu',
  ID: 'America/Boise', IL: 'America/Chicago', IN: 'America/Indiana/Indianapolis', IA: 'America/Chicago',
  KS: 'America/Chicago', KY: 'America/New_York', LA: 'America/Chicago', ME: 'America/New_York',
  MD: 'America/New_York', MA: 'America/New_York', MI: 'America/Detroit', MN: 'America/Chicago',
  MS: 'America/Chicago', MO: 'America/Chicago', MT: 'America/Denver', NE: 'America/Chicago',
  NV: 'America/Los_Angeles', NH: 'America/New_York', NJ: 'America/New_York', NM: 'America/Denver',
  NY: 'America/New_York', NC: 'America/New_York', ND: 'America/Chicago', OH: 'America/New_York',
  OK: 'America/Chicago', OR: 'America/Los_Angeles', PA: 'America/New_York', RI: 'America/New_York',
  SC: 'America/New_York', SD: 'America/Chicago', TN: 'America/Chicago', TX: 'America/Chicago',
  UT: 'America/Denver', VT: 'America/New_York', VA: 'America/New_York', WA: 'America/Los_Angeles',
  WV: 'America/New_York', WI: 'America/Chicago', WY: 'America/Denver', PR: 'America/Puerto_Rico',
  VI: 'America/St_Thomas', GU: 'Pacific/Guam', AS: 'Pacific/Pago_Pago', MP: 'Pacific/Saipan',
};

export function timeZoneForState(state: string): string {
  return STATE_TIME_ZONES[state] ?? 'America/New_York';
}
