import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Box, clipLine, clipRing, type Point } from './clip.js';

const box: Box = [0, 0, 10, 10];

/** A closed ring from its smallest point on (the same ring whatever its first point). */
function norm(ring: Point[] | null): Point[] | null {
  if (!ring) return ring;
  const open = ring.slice(0, -1);
  let k = 0;
  open.forEach((p, i) => {
    if (p[0] < open[k][0] || (p[0] === open[k][0] && p[1] < open[k][1])) k = i;
  });
  const out = [...open.slice(k), ...open.slice(0, k)];
  return [...out, out[0]];
}

test('clipRing keeps a ring inside the box as it is, closed', () => {
  const ring: Point[] = [
    [1, 1],
    [2, 1],
    [2, 2],
    [1, 1],
  ];
  assert.deepEqual(clipRing(ring, box), ring);
});

test('clipRing cuts a ring that crosses the box along its edges', () => {
  const ring: Point[] = [
    [-5, 2],
    [5, 2],
    [5, 12],
    [-5, 12],
    [-5, 2],
  ];
  assert.deepEqual(norm(clipRing(ring, box)), [
    [0, 2],
    [5, 2],
    [5, 10],
    [0, 10],
    [0, 2],
  ]);
});

test('clipRing drops a ring outside the box; a ring around the box becomes the box', () => {
  assert.equal(
    clipRing(
      [
        [20, 20],
        [30, 20],
        [30, 30],
        [20, 20],
      ],
      box,
    ),
    null,
  );
  assert.deepEqual(
    norm(
      clipRing(
        [
          [-1, -1],
          [11, -1],
          [11, 11],
          [-1, 11],
          [-1, -1],
        ],
        box,
      ),
    ),
    [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
      [0, 0],
    ],
  );
});

test('clipLine splits a line that leaves the box and comes back', () => {
  const line: Point[] = [
    [2, 5],
    [12, 5],
    [12, 8],
    [4, 8],
    [4, 2],
  ];
  assert.deepEqual(clipLine(line, box), [
    [
      [2, 5],
      [10, 5],
    ],
    [
      [10, 8],
      [4, 8],
      [4, 2],
    ],
  ]);
});

test('clipLine drops a line outside the box and keeps one inside whole', () => {
  assert.deepEqual(
    clipLine(
      [
        [20, 1],
        [30, 1],
      ],
      box,
    ),
    [],
  );
  const inside: Point[] = [
    [1, 1],
    [2, 3],
    [5, 5],
  ];
  assert.deepEqual(clipLine(inside, box), [inside]);
});
