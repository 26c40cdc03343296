/**
 * Which base-map names to show so that none overlaps another (Amman and Zarqa, 20 km apart,
 * wrote over each other at the first zoom): the names are HTML markers (the map is offline and
 * has no glyph server for MapLibre's own symbol collision), so the page places them itself,
 * most important first, and hides a name whose box meets one already placed.
 *
 * Pure: boxes in, a decision per box out; tested under node.
 */

/** A name's box on the screen (pixels) and its priority (lower first: countries, big towns …). */
export interface LabelBox {
  x: number;
  y: number;
  width: number;
  height: number;
  priority: number;
}

/**
 * For each box, whether it is shown: boxes are taken by priority (ties in the order given),
 * and one is shown when it meets no box shown before it, `gap` pixels apart at least. A box
 * of no size (a name hidden at this zoom) is neither shown nor in the way.
 */
export function placeLabels(boxes: readonly LabelBox[], gap = 2): boolean[] {
  const order = boxes.map((_, k) => k).sort((a, b) => boxes[a].priority - boxes[b].priority || a - b);
  const shown = new Array<boolean>(boxes.length).fill(false);
  const placed: LabelBox[] = [];
  for (const k of order) {
    const b = boxes[k];
    if (b.width <= 0 || b.height <= 0) continue;
    const meets = placed.some(
      (p) =>
        b.x < p.x + p.width + gap &&
        p.x < b.x + b.width + gap &&
        b.y < p.y + p.height + gap &&
        p.y < b.y + b.height + gap,
    );
    if (meets) continue;
    shown[k] = true;
    placed.push(b);
  }
  return shown;
}
