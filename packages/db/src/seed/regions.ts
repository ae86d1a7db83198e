// Metro areas where synthetic employers, members, pharmacies and prescribers are placed. Every address uses a
// real ZIP code with its real centroid, city and state (the `zipcodes` package), so distance search works.
import zipcodes from 'zipcodes';
import { timeZoneForState, type ZipCentroid, zipCentroid } from '../reference/zip';
import type { Prng } from './prng';

export interface Region {
  key: string;
  /** US area code used for the region's fictional 555-01xx phone numbers. */
  areaCode: string;
  zips: ZipCentroid[];
}

// biome-ignore format: table
const METROS: readonly [key: string, centerZip: string, areaCode: string][] = [
  ['new_york', '10001', '212'], ['chicago', '60601', '312'], ['houston', '77002', '713'],
  ['phoenix', '85004', '602'], ['philadelphia', '19103', '215'], ['san_diego', '92101', '619'],
  ['dallas', '75201', '214'], ['atlanta', '30303', '404'], ['seattle', '98101', '206'],
  ['denver', '80202', '303'], ['boston', '02108', '617'], ['minneapolis', '55401', '612'],
  ['columbus', '43215', '614'], ['nashville', '37203', '615'], ['portland', '97204', '503'],
  ['miami', '33130', '305'], ['kansas_city', '64106', '816'], ['san_antonio', '78205', '210'],
];

/** ZIP codes within this many miles of a metro's center belong to it. */
const METRO_RADIUS_MILES = 20;
const EARTH_RADIUS_MILES = 3958.8;
const toRadians = (degrees: number) => (degrees * Math.PI) / 180;

function milesBetween(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
): number {
  const dLat = toRadians(b.latitude - a.latitude);
  const dLon = toRadians(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(toRadians(a.latitude)) * Math.cos(toRadians(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_MILES * Math.asin(Math.sqrt(h));
}

let regions: Region[] | undefined;

/**
 * All metros with their ZIP codes, sorted so the same seed always picks the same ones. One pass over the ZIP
 * table with a cheap latitude/longitude box first (a radius search per metro would scan it 18 times).
 */
export function allRegions(): Region[] {
  if (regions) return regions;
  const centers = METROS.map(([key, centerZip, areaCode]) => ({
    key,
    areaCode,
    center: zipCentroid(centerZip) as ZipCentroid,
    zips: [] as ZipCentroid[],
  }));
  const latMargin = METRO_RADIUS_MILES / 69;
  for (const info of Object.values(zipcodes.codes)) {
    if (info.country !== 'US' || !/^\d{5}$/.test(info.zip)) continue;
    for (const metro of centers) {
      const { center } = metro;
      const lonMargin = latMargin / Math.cos(toRadians(center.latitude));
      if (
        Math.abs(info.latitude - center.latitude) > latMargin ||
        Math.abs(info.longitude - center.longitude) > lonMargin
      )
        continue;
      if (milesBetween(center, info) <= METRO_RADIUS_MILES) {
        metro.zips.push({
          zip: info.zip,
          city: info.city,
          state: info.state,
          latitude: info.latitude,
          longitude: info.longitude,
        });
      }
    }
  }
  regions = centers.map(({ key, areaCode, zips }) => ({
    key,
    areaCode,
    zips: zips.sort((a, b) => a.zip.localeCompare(b.zip)),
  }));
  return regions;
}

/** The ZIP the home-delivery and specialty pharmacies ship from (Columbus, Ohio). */
export const MAIL_PHARMACY_ZIP = '43215';

export function randomZip(prng: Prng, region: Region): ZipCentroid {
  return prng.pick(region.zips);
}

export const timeZoneOf = (zip: ZipCentroid): string => timeZoneForState(zip.state);

/** Numbers 555-0100 through 555-0199 are reserved for fiction in every US area code. */
export function fictionalPhone(prng: Prng, areaCode: string): string {
  return `+1${areaCode}55501${String(prng.int(0, 99)).padStart(2, '0')}`;
}
