/**
 * Street names for the first-party base map, placed from the model's addresses alone: the model
 * has no streets, but its houses line them. Per street, the centres of its addressed buildings
 * are split where they lie far apart, and each group becomes a line along its main direction
 * (averaged across both sides of the street) that the map writes the name along; a street with a
 * single house gets a point.
 */

export interface AddressPoint {
  street: string;
  lon: number;
  lat: number;
}

export type StreetLabel =
  | { type: 'Feature'; geometry: { type: 'LineString'; coordinates: [number, number][] }; properties: { name: string } }
  | { type: 'Feature'; geometry: { type: 'Point'; coordinates: [number, number] }; properties: { name: string } };

/** Houses further apart than this along one street name belong to separate stretches. */
const GAP_M = 150;
/** A stretch's line has a vertex every this many metres along it … */
const STEP_M = 30;
/** … at the weighted mean of the houses within this distance along it. */
const WINDOW_M = 80;
/**
 * The line keeps only the bends larger than this: the map writes a name only where the line
 * turns little over the name's length, and small wiggles from the averaging add up.
 */
const SIMPLIFY_M = 5;
/** Room for the name beyond the first and last house. */
const EXTEND_M = 50;

type XY = [number, number];

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** A local metric plane around a point: metres east and north (plenty for a town). */
function plane(lon0: number, lat0: number) {
  const mx = 111_320 * Math.cos((lat0 * Math.PI) / 180);
  const my = 110_574;
  return {
    toXY: (lon: number, lat: number): XY => [(lon - lon0) * mx, (lat - lat0) * my],
    toLonLat: ([x, y]: XY): [number, number] => [round6(lon0 + x / mx), round6(lat0 + y / my)],
  };
}

/** Groups points that are chained by gaps of at most GAP_M (single linkage). */
function stretches(points: XY[]): XY[][] {
  const parent = points.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  for (let i = 0; i < points.length; i++)
    for (let j = i + 1; j < points.length; j++) {
      const dx = points[i]![0] - points[j]![0];
      const dy = points[i]![1] - points[j]![1];
      if (dx * dx + dy * dy <= GAP_M * GAP_M) parent[find(i)] = find(j);
    }
  const groups = new Map<number, XY[]>();
  points.forEach((p, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), p]);
  });
  return [...groups.values()];
}

/** Unit vector of the main direction (first principal axis), pointing east-ish so names read left to right. */
function mainAxis(points: XY[], mean: XY): XY {
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const [x, y] of points) {
    const dx = x - mean[0];
    const dy = y - mean[1];
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  const angle = 0.5 * Math.atan2(2 * sxy, sxx - syy);
  const axis: XY = [Math.cos(angle), Math.sin(angle)];
  return axis[0] < 0 ? [-axis[0], -axis[1]] : axis;
}

function lineThrough(points: XY[]): XY[] {
  const mean: XY = [points.reduce((s, p) => s + p[0], 0) / points.length, points.reduce((s, p) => s + p[1], 0) / points.length];
  const axis = mainAxis(points, mean);
  const along = (p: XY) => (p[0] - mean[0]) * axis[0] + (p[1] - mean[1]) * axis[1];
  const ts = points.map(along);
  const from = Math.min(...ts);
  const to = Math.max(...ts);
  if (to - from < STEP_M) {
    // All houses close together: a short straight piece along the main direction.
    const half = STEP_M / 2 + EXTEND_M;
    return [
      [mean[0] - axis[0] * half, mean[1] - axis[1] * half],
      [mean[0] + axis[0] * half, mean[1] + axis[1] * half],
    ];
  }
  // Houses on both sides of the street average out to its middle: a weighted mean of the houses
  // near each step along it (weights fall off linearly over WINDOW_M). Where the window would
  // reach past the last house it sees one side only, so the ends continue straight on.
  const inner = Math.max(0, to - from - WINDOW_M);
  const first = from + (to - from - inner) / 2;
  const steps = Math.max(1, Math.ceil(inner / STEP_M) + 1);
  const vertices: { t: number; at: XY }[] = [];
  for (let k = 0; k < steps; k++) {
    const t = steps === 1 ? first : first + (inner * k) / (steps - 1);
    let w = 0;
    let x = 0;
    let y = 0;
    points.forEach((p, i) => {
      const weight = Math.max(0, 1 - Math.abs((ts[i] as number) - t) / WINDOW_M);
      w += weight;
      x += p[0] * weight;
      y += p[1] * weight;
    });
    if (w > 0) vertices.push({ t, at: [x / w, y / w] });
  }
  const straightOn = (v: { t: number; at: XY }, t: number): XY => [v.at[0] + axis[0] * (t - v.t), v.at[1] + axis[1] * (t - v.t)];
  const start = vertices[0]!;
  const end = vertices[vertices.length - 1]!;
  return simplify([straightOn(start, from - EXTEND_M), ...vertices.map((v) => v.at), straightOn(end, to + EXTEND_M)]);
}

/** Douglas–Peucker: the fewest vertices that stay within SIMPLIFY_M of the line. */
function simplify(line: XY[]): XY[] {
  if (line.length <= 2) return line;
  const [a, b] = [line[0] as XY, line[line.length - 1] as XY];
  const length = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1;
  let far = 0;
  let at = 0;
  for (let i = 1; i < line.length - 1; i++) {
    const p = line[i] as XY;
    const d = Math.abs((b[0] - a[0]) * (a[1] - p[1]) - (a[0] - p[0]) * (b[1] - a[1])) / length;
    if (d > far) {
      far = d;
      at = i;
    }
  }
  if (far <= SIMPLIFY_M) return [a, b];
  return [...simplify(line.slice(0, at + 1)).slice(0, -1), ...simplify(line.slice(at))];
}

export function streetLabels(addresses: readonly AddressPoint[]): StreetLabel[] {
  if (addresses.length === 0) return [];
  const lon0 = addresses.reduce((s, a) => s + a.lon, 0) / addresses.length;
  const lat0 = addresses.reduce((s, a) => s + a.lat, 0) / addresses.length;
  const { toXY, toLonLat } = plane(lon0, lat0);
  const byStreet = new Map<string, Map<string, XY>>();
  for (const a of addresses) {
    // One point per building: a house with two numbers on one street counts once.
    const points = byStreet.get(a.street) ?? new Map<string, XY>();
    points.set(`${a.lon}|${a.lat}`, toXY(a.lon, a.lat));
    byStreet.set(a.street, points);
  }
  const labels: StreetLabel[] = [];
  for (const [name, points] of [...byStreet].sort(([a], [b]) => a.localeCompare(b, 'de'))) {
    for (const group of stretches([...points.values()])) {
      if (group.length === 1) {
        labels.push({ type: 'Feature', geometry: { type: 'Point', coordinates: toLonLat(group[0]!) }, properties: { name } });
        continue;
      }
      labels.push({
        type: 'Feature',
        geometry: { type: 'LineString', coordinates: lineThrough(group).map(toLonLat) },
        properties: { name },
      });
    }
  }
  return labels;
}
