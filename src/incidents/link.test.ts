import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractArticle } from '../events/extract.js';
import { linkIncidents } from './link.js';

const article = (id: string, published: string, text: string) => extractArticle({ id, published, text });

describe('linkIncidents', () => {
  it('links two outlets reporting one attack, and not a different day', () => {
    const results = linkIncidents([
      article(
        'a',
        '2024-01-28',
        'قتل ثلاثة جنود أمريكيين في هجوم بطائرة مسيرة استهدف البرج 22 في الأردن فجر اليوم الأحد.',
      ),
      article(
        'b',
        '2024-01-29',
        'أعلنت القيادة المركزية مقتل ثلاثة جنود في هجوم بطائرة بدون طيار على البرج 22 فجر أمس الأحد.',
      ),
      article('c', '2024-01-29', 'استهدفت طائرة مسيرة البرج 22 في الأردن فجر اليوم الاثنين دون وقوع إصابات.'),
    ]);
    const [a, b, c] = results.map((r) => r.events[0]);
    assert.ok(a && b && c);
    assert.equal(a.incident, b.incident);
    assert.notEqual(a.incident, c.incident);
  });

  it('gives the same keys whatever the order of the articles', () => {
    const docs = () => [
      article('x', '2020-03-12', 'سقطت صواريخ كاتيوشا على معسكر التاجي مساء أمس الأربعاء.'),
      article('y', '2020-03-11', 'استهدف قصف صاروخي معسكر التاجي شمال بغداد مساء اليوم الأربعاء.'),
    ];
    const forward = linkIncidents(docs()).map((r) => r.events[0]?.incident);
    const backward = linkIncidents(docs().reverse())
      .map((r) => r.events[0]?.incident)
      .reverse();
    assert.deepEqual(forward, backward);
    assert.equal(forward[0], forward[1]);
  });

  it('does not link contradictory actors or weapons', () => {
    const results = linkIncidents([
      article('p', '2024-02-07', 'قصفت طائرة مسيرة أمريكية منطقة المشتل في بغداد مساء اليوم الأربعاء.'),
      article('q', '2024-02-07', 'انفجرت عبوة ناسفة في منطقة المشتل ببغداد مساء اليوم الأربعاء.'),
    ]);
    const [p, q] = results.map((r) => r.events[0]);
    assert.ok(p && q);
    assert.notEqual(p.incident, q.incident);
  });
});
