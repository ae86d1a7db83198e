import type { LocatorSearchResponse } from '@openpbm/shared/locator';

const SIZE = 400;
const PAD = 24;
/** Pins nearer than this would hide each other: a later pin steps aside, with a short line to its real spot. */
const PIN_GAP = 24;

interface Point {
  x: number;
  y: number;
}

/** Pins in list order: each at its spot unless an earlier pin is there, then on a ring around the spot. */
function placePins<T>(items: T[], spotOf: (item: T) => Point): Array<{ item: T; spot: Point; pin: Point }> {
  const placed: Array<{ item: T; spot: Point; pin: Point }> = [];
  const free = (at: Point) => placed.every(({ pin }) => Math.hypot(pin.x - at.x, pin.y - at.y) >= PIN_GAP);
  for (const item of items) {
    const spot = spotOf(item);
    let pin = spot;
    for (let step = 0; step < 24 && !free(pin); step++) {
      const angle = ((step % 8) * Math.PI) / 4 - Math.PI / 2;
      const distance = PIN_GAP * (1 + Math.floor(step / 8));
      pin = { x: spot.x + distance * Math.cos(angle), y: spot.y + distance * Math.sin(angle) };
    }
    placed.push({ item, spot, pin });
  }
  return placed;
}

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
  const pins = placePins(
    result.pharmacies.map((p, i) => ({ p, i })),
    ({ p }) => project(p.latitude, p.longitude),
  );
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
      {pins
        .slice()
        .reverse()
        .map(({ item: { p, i }, spot, pin: { x, y } }) => (
          <g key={p.id}>
            <title>{`${i + 1}. ${p.name}, ${p.distanceMiles} miles`}</title>
            {spot.x !== x || spot.y !== y ? (
              <line className="locator-map__leader" x1={spot.x} y1={spot.y} x2={x} y2={y} />
            ) : null}
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
