import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type LabelBox, placeLabels } from './label-collision.js';

const box = (x: number, y: number, priority: number, width = 40, height = 12): LabelBox => ({
  x,
  y,
  width,
  height,
  priority,
});

describe('placeLabels', () => {
  it('hides the less important of two names that overlap (Amman over Zarqa), keeps apart ones', () => {
    const amman = box(100, 100, 1);
    const zarqa = box(120, 104, 2);
    const irbid = box(100, 60, 2);
    assert.deepEqual(placeLabels([zarqa, amman, irbid]), [false, true, true]);
  });

  it('takes priority before the order given, and the order given between equals', () => {
    assert.deepEqual(placeLabels([box(0, 0, 3), box(10, 0, 1)]), [false, true]);
    assert.deepEqual(placeLabels([box(0, 0, 2), box(10, 0, 2)]), [true, false]);
  });

  it('a hidden name leaves room: only names shown are in the way', () => {
    // b loses to a; c overlaps b but not a, so c is shown
    const a = box(0, 0, 1);
    const b = box(30, 0, 2);
    const c = box(60, 0, 3);
    assert.deepEqual(placeLabels([a, b, c]), [true, false, true]);
  });

  it('keeps the gap: boxes 1 px apart meet under a gap of 2, not under 0', () => {
    const a = box(0, 0, 1);
    const b = box(41, 0, 2);
    assert.deepEqual(placeLabels([a, b]), [true, false]);
    assert.deepEqual(placeLabels([a, b], 0), [true, true]);
  });

  it('a name of no size (hidden at this zoom) is neither shown nor in the way', () => {
    assert.deepEqual(placeLabels([box(0, 0, 1, 0, 0), box(5, 0, 2)]), [false, true]);
  });
});
