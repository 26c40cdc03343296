import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fold, normalize, originalSlice, toOriginalSpan } from './normalize.js';

describe('normalize', () => {
  const cases: [string, string, string][] = [
    ['diacritics', 'صَارُوخٌ', 'صاروخ'],
    ['shadda and sukun', 'المسيّرة', 'المسيره'],
    ['tatweel', 'الصـــواريخ', 'الصواريخ'],
    ['alef forms', 'أإآٱ', 'اااا'],
    ['alef maqsura', 'مستشفى', 'مستشفي'],
    ['ta marbuta', 'قاعدة', 'قاعده'],
    ['hamza on waw and ya', 'مؤتمر طائرة', 'موتمر طايره'],
    ['Arabic-Indic digits', '١٩ ديسمبر ٢٠٢١', '19 ديسمبر 2021'],
    ['Persian digits', '۱۲۳', '123'],
    ['quotes', '“عين الأسد” «بلد»', '"عين الاسد" "بلد"'],
    ['dashes', 'أرض–أرض', 'ارض-ارض'],
    ['zero-width chars', 'قا\u200cعدة\u200f', 'قاعده'],
    ['nbsp', 'a\u00a0b', 'a b'],
    ['latin case', 'C-RAM', 'c-ram'],
    ['lam-alef ligature', '\ufefb', 'لا'],
    ['Persian kaf and yeh', 'کتائب حزب الله ی', 'كتايب حزب الله ي'],
    ['empty', '', ''],
    ['presentation-form symbol without decomposition', 'ا\ufbb2ب', 'ا\ufbb2ب'],
    ['Allah ligature', '\ufdf2', 'الله'],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => assert.equal(normalize(input).norm, expected));
  }

  it('keeps an offset for every normalized char', () => {
    const nt = normalize('الصَّـــواريخ');
    assert.equal(nt.offsets.length, nt.norm.length + 1);
    assert.equal(nt.offsets[nt.norm.length], nt.original.length);
  });

  it('maps spans back to the exact original words', () => {
    const text = 'سقطت صَوَارِيخُ “كاتيوشا” على قاعدة عين الأسد';
    const nt = normalize(text);
    const i = nt.norm.indexOf('صواريخ');
    assert.equal(originalSlice(nt, i, i + 'صواريخ'.length), 'صَوَارِيخُ');
    const j = nt.norm.indexOf('عين الاسد');
    const [s, e] = toOriginalSpan(nt, j, j + 'عين الاسد'.length);
    assert.equal(text.slice(s, e), 'عين الأسد');
  });

  it('maps spans through astral characters', () => {
    const nt = normalize('😀 هجوم');
    const i = nt.norm.indexOf('هجوم');
    assert.equal(originalSlice(nt, i, i + 4), 'هجوم');
  });

  it('fold collapses spaces and trims', () => {
    assert.equal(fold('  قاعدة   عين  الأسد '), 'قاعده عين الاسد');
  });

  it('an underscore between letters is a space; other underscores stay', () => {
    const text = 'وسم #كتائب_حزب_الله و_ و a_1 و__';
    const nt = normalize(text);
    assert.equal(nt.norm, 'وسم #كتايب حزب الله و_ و a 1 و__');
    const i = nt.norm.indexOf('كتايب حزب الله');
    assert.equal(originalSlice(nt, i, i + 'كتايب حزب الله'.length), 'كتائب_حزب_الله');
  });
});
