import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tokenize } from '../segment/segment.js';
import {
  fold,
  foldChar,
  type NormalizedText,
  normalize,
  originalSlice,
  toOriginalSpan,
} from './normalize.js';

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

describe('the folding table and the tokenizer read as the definitions do', () => {
  /** The definition: each code point folded with foldChar, offsets per output unit. */
  function byChar(original: string): NormalizedText {
    const out: string[] = [];
    const offs: number[] = [];
    for (let i = 0; i < original.length; ) {
      const c = original.codePointAt(i) as number;
      const width = c > 0xffff ? 2 : 1;
      const folded = foldChar(width === 2 ? original.slice(i, i + 2) : original[i], c);
      for (let k = 0; k < folded.length; k++) {
        out.push(folded[k]);
        offs.push(i);
      }
      i += width;
    }
    offs.push(original.length);
    for (let k = 1; k < out.length - 1; k++)
      if (out[k] === '_' && /^[\p{L}\p{N}]$/u.test(out[k - 1]) && /^[\p{L}\p{N}]$/u.test(out[k + 1]))
        out[k] = ' ';
    return { original, norm: out.join(''), offsets: Int32Array.from(offs) };
  }
  const TOKEN_RE = /(\p{L}+)|(\p{N}+(?:[.,:/]\p{N}+)*)|(\S)/gu;
  const byRegex = (norm: string) =>
    [...norm.matchAll(TOKEN_RE)].map((m) => ({
      text: m[0],
      start: m.index,
      end: m.index + m[0].length,
      kind: m[1] ? 'word' : m[2] ? 'num' : 'punct',
      sentence: -1,
    }));
  // letters, diacritics, tatweel, presentation forms (one and many letters), digits of three
  // scripts, separators, quotes, dashes, spaces of every kind, Latin and full-width, bidi and
  // zero-width controls, underscores, astral letters and digits, lone surrogates
  const alphabet = [
    ...'أإآٱىيةهؤئکیگابتثجحخدذرسشصضطظعغفقكلمنهوي',
    ...'\u064b\u064c\u064e\u0651\u0652\u0670\u0640\u0610\u06d6',
    '\ufefb',
    '\ufdfa',
    '\ufe8d',
    '\ufb50',
    '\ufbb2',
    ...'٠١٢٣٤٥٦٧٨٩۰۴0123456789٫٬.,:/',
    ...'“”«»\'"`‐–—−-',
    ...' \u00a0\u2009\u3000\t\f\v\r\n\u2028\u0085',
    ...'ABCxyzＡｚ１',
    ...'\u200b\u200c\u200d\u200e\u200f\u202a\u2066\u00ad\ufeff',
    '_',
    '_',
    '#',
    '𝐀',
    '𝟘',
    '😀',
    '\ud800',
    '\udc00',
  ];
  it('on 3,000 random texts', () => {
    let seed = 12345;
    const rnd = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    for (let t = 0; t < 3000; t++) {
      const len = Math.floor(rnd() * 60);
      let text = '';
      for (let i = 0; i < len; i++) text += alphabet[Math.floor(rnd() * alphabet.length)];
      const got = normalize(text);
      const want = byChar(text);
      assert.equal(got.norm, want.norm, JSON.stringify(text));
      assert.deepEqual([...got.offsets], [...want.offsets], JSON.stringify(text));
      assert.deepEqual(tokenize(got.norm), byRegex(got.norm), JSON.stringify(got.norm));
    }
  });
});
