import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultLexicon } from '../lexicon/lexicon.js';
import { normalize } from '../normalize/normalize.js';
import { tokenize } from '../segment/segment.js';
import { findWeapons } from './weapons.js';

const lex = defaultLexicon();

/** "weapon/number/count" of every weapon word of the sentence that was used (not hit, stored or named). */
function used(text: string): string[] {
  const nt = normalize(text);
  const tokens = tokenize(nt.norm);
  return findWeapons(lex, nt.norm, tokens, 0, tokens.length)
    .filter((w) => !w.asObject)
    .map((w) => `${w.weapon}/${w.number}/${w.count}`);
}

function check(cases: [string, string[]][]) {
  for (const [text, want] of cases) it(text, () => assert.deepEqual(used(text), want));
}

describe('construct-dual: a dual in construct state before its type name counts 2', () => {
  check([
    ['سقط صاروخا كاتيوشا قرب المعسكر مساء الأمس', ['rocket/du/2']],
    ['قال المصدر إن صاروخي غراد سقطا في أرض خالية', ['rocket/du/2']],
    ['وأفاد بإطلاق صاروخي كاتيوشا من منطقة زراعية', ['rocket/du/2']],
    // negatives: an accusative singular before "من طراز", an adjective after an attack word,
    // the plain singular and the adjective on their own
    ['أطلقت السفينة صاروخا من طراز كروز', ['missile/sg/1']],
    ['تعرض المطار لقصف صاروخي كاتيوشا عنيف', ['rocket/adj/null']],
    ['أطلق المسلحون صاروخا واحدا على الحاجز', ['rocket/sg/1']],
    ['تعرضت القاعدة لهجوم صاروخي ليلة أمس', ['rocket/adj/null']],
    // an explicit number still wins
    ['سقط 11 صاروخ كاتيوشا داخل المعسكر', ['rocket/sg/11']],
  ]);
});

describe('object heads: an air-defence system or an industry is no weapon used', () => {
  check([
    ['تصدت الرشاشات المضادة للطيران لصواريخ أطلقت من الجنوب', ['rocket/pl/null']],
    ['دمرت منظومة نظامي الصواريخ المضاد للطائرات هدفين', []],
    ['هاجم مسلحون مقر شركة صناعات الطيران في العاصمة', []],
    // negative: the air defences as the subject of a verb leave the projectile a weapon used
    ['أسقطت المضادات طائرة مسيرة فوق المطار', ['drone/sg/1']],
  ]);
});

describe('weapon words: collective artillery counts nothing, an inflected drone word is a drone', () => {
  check([
    ['قصفت مدفعية الجيش مواقع في الجبل', ['artillery/adj/null']],
    ['سقطت قذيفة مدفعية قرب السوق', ['artillery/sg/1']],
    ['وقال الموقع إن طيرانا مسيرا استهدف سيارة على الطريق', ['drone/pl/null']],
    // "مسيره" (its route) folds like "مسيرة": after "ليكمل" it is no drone
    ['لم يخلف الانفجار أضرارا ليكمل الرتل مسيره إلى وجهته', []],
    ['أكمل الرتل مسيره نحو القاعدة', []],
  ]);
});
