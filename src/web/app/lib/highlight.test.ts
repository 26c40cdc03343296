/** Evidence spans → text segments: every character once, in order, under the right marks. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { markClass, safeHref, segments, spansOf } from './highlight.js';

// written for this test
const TEXT = 'سقطت صواريخ على قاعدة حرير فجر اليوم. ولم تقع إصابات.';

describe('highlighting', () => {
  it('cuts the text at span boundaries; the segments put together give the text back', () => {
    const spans = spansOf({ evidence: [0, 37], trigger: [0, 4], weapon: [5, 11], place: [16, 26] }, 7);
    const segs = segments(TEXT, spans);
    assert.equal(segs.map((s) => s.text).join(''), TEXT);
    assert.deepEqual(
      segs.map((s) => [s.text, s.kinds]),
      [
        ['سقطت', ['trigger', 'evidence']],
        [' ', ['evidence']],
        ['صواريخ', ['weapon', 'evidence']],
        [' على ', ['evidence']],
        ['قاعدة حرير', ['place', 'evidence']],
        [' فجر اليوم.', ['evidence']],
        [' ولم تقع إصابات.', []],
      ],
    );
    assert.deepEqual(segs[0].mentions, [7]);
    assert.equal(markClass(segs[0]), 'ev ev-trigger');
    assert.equal(markClass(segs[1]), 'ev');
    assert.equal(markClass(segs[6]), null);
  });

  it('merges the spans of several mentions of one article', () => {
    const spans = [...spansOf({ evidence: [0, 26] }, 1), ...spansOf({ evidence: [16, 37] }, 2)];
    const segs = segments(TEXT, spans);
    const overlap = segs.find((s) => s.mentions.length === 2);
    assert.equal(overlap?.text, 'قاعدة حرير');
    assert.equal(segs.map((s) => s.text).join(''), TEXT);
  });

  it('ignores spans that are empty, inverted, outside the text or malformed', () => {
    const spans = spansOf({
      evidence: [5, 5],
      trigger: [9, 3],
      place: [40, 999],
      date: 'x',
      actor: [1.5, 3],
    } as Record<string, unknown>);
    assert.deepEqual(
      segments(TEXT, spans).map((s) => s.kinds),
      [[]],
    );
    assert.deepEqual(segments('', []), []);
  });

  it('keeps markup in the text as text (segments are strings, never parsed)', () => {
    const hostile = 'سقطت <script>alert(1)</script> صواريخ <img src=x onerror=alert(2)>';
    const segs = segments(hostile, spansOf({ evidence: [0, hostile.length], trigger: [0, 4] }));
    assert.equal(segs.map((s) => s.text).join(''), hostile);
    assert.ok(segs.some((s) => s.text.includes('<script>alert(1)</script>')));
  });

  it('links only to http and https', () => {
    assert.equal(safeHref('https://example.org/a?b=1'), 'https://example.org/a?b=1');
    assert.equal(safeHref('http://example.org'), 'http://example.org/');
    for (const bad of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'data:text/html,<script>1</script>',
      'vbscript:x',
      '//evil.example',
      'not a url',
      '',
      null,
    ])
      assert.equal(safeHref(bad), null, String(bad));
  });
});
