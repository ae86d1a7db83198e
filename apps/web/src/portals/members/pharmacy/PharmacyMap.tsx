import type { LocatorSearchResponse } from '@openpbm/shared/locator';

const SIZE = 400;
const PAD = 24;

/**
 * A plain SVG map (no tile server): the search centre, the radius as rings, and a numbered pin per pharmacy in the
 * list's order. Positions are an equirectangular projection around the centre, north up, so distances and
 * directions are right to within a few percent at these scales.
 */
export function PharmacyMap({ result }: { result: LocatorSearchResponse }) {
  const { origin, radiusMiles } = result;
  const milesPerDegLat = 69.0;
  const milesPerDegLon = 69.172 * Math.cos((origin.latitude * Math.PI) / 180);
  const scale = (SIZE / 2 - PAD) / radiusMiles;
  const project = (lat: number, lon: number) => ({
    x: SIZE / 2 + (lon - origin.longitude) * milesPerDegLon * scale,
    y: SIZE / 2 - (lat - origin.latitude) * milesPerDegLat * scale,
  });
  const rings = [0.5, 1].map((f) => ({
    r: (SIZE / 2 - PAD) * f,
    miles: Math.round(radiusMiles * f * 10) / 10,
  }));
  return (
    <svg
      className="locator-map"
      viewBox={`0 0 ${SIZE} ${SIZE}`}
      role="img"
      aria-label={`Map of ${result.pharmacies.length} pharmacies within ${radiusMiles} miles of ${origin.label}`}
    >
      <title>{`Pharmacies near ${origin.label}`}</title>
      {rings.map((ring) => (
        <g key={ring.r}>
          <circle className="locator-map__ring" cx={SIZE / 2} cy={SIZE / 2} r={ring.r} />
          <text className="locator-map__legend" x={SIZE / 2 + 4} y={SIZE / 2 - ring.r - 4}>
            {ring.miles} mi
          </text>
        </g>
      ))}
      <text className="locator-map__legend" x={SIZE - 18} y={18}>
        N ↑
      </text>
      <circle className="locator-map__origin" cx={SIZE / 2} cy={SIZE / 2} r={7}>
        <title>{origin.label}</title>
      </circle>
      {result.pharmacies
        .map((p, i) => ({ p, i, ...project(p.latitude, p.longitude) }))
        .reverse()
        .map(({ p, i, x, y }) => (
          <g key={p.id}>
            <title>{`${i + 1}. ${p.name}, ${p.distanceMiles} miles`}</title>
            <circle
              className={p.inNetwork ? 'locator-map__pin' : 'locator-map__pin locator-map__pin--out'}
              cx={x}
              cy={y}
              r={11}
            />
            <text className="locator-map__label" x={x} y={y}>
              {i + 1}
            </text>
          </g>
        ))}
    </svg>
  );
}
