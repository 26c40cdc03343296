/**
 * Clipping to a box (west, south, east, north in degrees), for the base map's build
 * (scripts/build-basemap.ts): polygon rings by Sutherland–Hodgman (a ring that crosses the
 * box keeps the box's edge where it was cut, so it is a fill only: the outlines are drawn
 * from the lines, clipped apart), lines by Liang–Barsky (a line that leaves the box and comes
 * back becomes two).
 */
export type Point = [number, number];
export type Box = [number, number, number, number];

/** The ring's part inside the box, closed (first point = last), or null when nothing is. */
export function clipRing(ring: Point[], box: Box): Point[] | null {
  const [w, s, e, n] = box;
  const edges: [(p: Point) => boolean, (a: Point, b: Point) => Point][] = [
    [(p) => p[0] >= w, (a, b) => at(a, b, (w - a[0]) / (b[0] - a[0]))],
    [(p) => p[0] <= e, (a, b) => at(a, b, (e - a[0]) / (b[0] - a[0]))],
    [(p) => p[1] >= s, (a, b) => at(a, b, (s - a[1]) / (b[1] - a[1]))],
    [(p) => p[1] <= n, (a, b) => at(a, b, (n - a[1]) / (b[1] - a[1]))],
  ];
  let pts = ring.length > 1 && same(ring[0], ring[ring.length - 1]) ? ring.slice(0, -1) : ring.slice();
  for (const [inside, cut] of edges) {
    const out: Point[] = [];
    for (let i = 0; i < pts.length; i++) {
      const cur = pts[i];
      const prev = pts[(i + pts.length - 1) % pts.length];
      if (inside(cur)) {
        if (!inside(prev)) out.push(cut(prev, cur));
        out.push(cur);
      } else if (inside(prev)) out.push(cut(prev, cur));
    }
    pts = out;
    if (!pts.length) return null;
  }
  if (pts.length < 3) return null;
  return [...pts, pts[0]];
}

/** The parts of a line inside the box. */
export function clipLine(line: Point[], box: Box): Point[][] {
  const parts: Point[][] = [];
  let cur: Point[] = [];
  for (let i = 1; i < line.length; i++) {
    const seg = clipSegment(line[i - 1], line[i], box);
    if (!seg) {
      if (cur.length > 1) parts.push(cur);
      cur = [];
      continue;
    }
    const [a, b] = seg;
    if (!cur.length || !same(cur[cur.length - 1], a)) {
      if (cur.length > 1) parts.push(cur);
      cur = [a];
    }
    cur.push(b);
    // the segment left the box: the next one starts a new part
    if (!same(b, line[i])) {
      parts.push(cur);
      cur = [];
    }
  }
  if (cur.length > 1) parts.push(cur);
  return parts;
}

/** Liang–Barsky: the part of the segment a→b inside the box, or null. */
function clipSegment(a: Point, b: Point, [w, s, e, n]: Box): [Point, Point] | null {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  let t0 = 0;
  let t1 = 1;
  for (const [p, q] of [
    [-dx, a[0] - w],
    [dx, e - a[0]],
    [-dy, a[1] - s],
    [dy, n - a[1]],
  ]) {
    if (p === 0) {
      if (q < 0) return null;
    } else {
      const r = q / p;
      if (p < 0) {
        if (r > t1) return null;
        if (r > t0) t0 = r;
      } else {
        if (r < t0) return null;
        if (r < t1) t1 = r;
      }
    }
  }
  return [t0 === 0 ? a : at(a, b, t0), t1 === 1 ? b : at(a, b, t1)];
}

const at = (a: Point, b: Point, t: number): Point => [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
const same = (a: Point, b: Point) => a[0] === b[0] && a[1] === b[1];
