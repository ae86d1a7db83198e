// Distances for the pharmacy locator: great-circle (haversine) miles and a latitude/longitude box that contains
// a radius, so the database can narrow candidates with an index before the exact distance is computed.

const EARTH_RADIUS_MILES = 3958.8;
const toRad = (deg: number) => (deg * Math.PI) / 180;

export interface LatLon {
  latitude: number;
  longitude: number;
}

export function distanceMiles(a: LatLon, b: LatLon): number {
  const dLat = toRad(b.latitude - a.latitude);
  const dLon = toRad(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(toRad(a.latitude)) * Math.cos(toRad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_MILES * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A box around `center` that contains every point within `miles` (a little larger near the poles is fine). */
export function boundingBox(center: LatLon, miles: number) {
  const dLat = miles / 69.0;
  const dLon = miles / (69.172 * Math.max(0.01, Math.cos(toRad(center.latitude))));
  return {
    minLatitude: center.latitude - dLat,
    maxLatitude: center.latitude + dLat,
    minLongitude: center.longitude - dLon,
    maxLongitude: center.longitude + dLon,
  };
}

export function isValidLatLon(p: LatLon): boolean {
  return (
    Number.isFinite(p.latitude) &&
    Number.isFinite(p.longitude) &&
    Math.abs(p.latitude) <= 90 &&
    Math.abs(p.longitude) <= 180
  );
}
