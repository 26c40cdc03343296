import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  bands,
  contentHash,
  fromBigintText,
  hamming,
  NEAR_DUPLICATE_DISTANCE,
  simhash,
  toBigintText,
  urlKey,
} from './fingerprint.js';
import { storableText } from './text.js';

const STORY =
  'أعلنت قيادة العمليات المشتركة أن قوة أمنية عثرت صباح اليوم على مخبأ للأسلحة في منطقة زراعية جنوبي المدينة، ' +
  'وأوضحت في بيان أن المخبأ كان يضم قذائف وصواعق ومواد تستخدم في صناعة العبوات، وأن فرق الهندسة تولت رفعها ' +
  'ونقلها إلى مكان آمن. وأضاف البيان أن التحقيقات جارية لمعرفة الجهة التي تقف وراء المخبأ، وأن القوات ستواصل ' +
  'عمليات التفتيش في القرى المجاورة خلال الأيام المقبلة بالتنسيق مع الأهالي وشيوخ العشائر في المنطقة. ' +
  'وأشار مصدر في الشرطة المحلية إلى أن معلومات استخبارية دقيقة قادت إلى الموقع بعد متابعة استمرت أسابيع، ' +
  'لافتا إلى أن المنطقة شهدت في الأشهر الماضية حملات مماثلة أسفرت عن ضبط كميات من الذخائر والمعدات. ' +
  'من جهته، دعا محافظ المدينة المواطنين إلى التعاون مع الأجهزة الأمنية والإبلاغ عن أي تحركات مشبوهة، ' +
  'مؤكدا أن الاستقرار الذي تنعم به المحافظة جاء بفضل تضحيات كبيرة ولا يمكن التفريط به. كما أعلن عن خطة ' +
  'لإعادة تأهيل الطرق الريفية وتوفير فرص عمل للشباب في القرى النائية، بما يسهم في تعزيز الأمن والتنمية معا، ' +
  'وأكد أن الحكومة المحلية خصصت مبالغ إضافية لدعم المزارعين المتضررين من موجة الجفاف التي ضربت المنطقة العام الماضي.';
const OTHER =
  'افتتح وزير التربية اليوم معرضا للكتاب في العاصمة بمشاركة عشرات دور النشر العربية والأجنبية، وقال في كلمة ' +
  'خلال الافتتاح إن المعرض يهدف إلى تشجيع القراءة بين الطلبة، مشيرا إلى أن الوزارة ستوزع آلاف الكتب مجانا على ' +
  'المدارس في المحافظات كافة خلال العام الدراسي المقبل، ضمن برنامج يمتد لثلاث سنوات بدعم من منظمات دولية.';

describe('fingerprints', () => {
  it('content hash ignores diacritics, letter variants and spacing, not words', () => {
    assert.equal(contentHash('قاعدةُ  عين الأسد\n'), contentHash('قاعده عين الاسد'));
    assert.notEqual(contentHash('قاعدة عين الأسد'), contentHash('قاعدة حرير'));
  });

  it('URL key drops the fragment and a trailing slash, keeps the query', () => {
    const cases: [string | null, string | null][] = [
      ['https://Example.org/a/b/#top', 'https://example.org/a/b'],
      ['https://example.org/a/b', 'https://example.org/a/b'],
      ['https://example.org/?id=2', 'https://example.org/?id=2'],
      ['https://example.org/', 'https://example.org'],
      ['  ', null],
      [null, null],
      ['not a url', 'not a url'],
    ];
    for (const [url, want] of cases) assert.equal(urlKey(url), want, String(url));
  });

  const near: { name: string; text: string; dup: boolean }[] = [
    { name: 'a byline added', text: `وكالة الأنباء: ${STORY}`, dup: true },
    {
      name: 'the same story with diacritics',
      text: STORY.replace('قوة', 'قوةٌ').replace('صباح', 'صباحَ'),
      dup: true,
    },
    { name: 'another story', text: OTHER, dup: false },
    { name: 'half of the story rewritten', text: `${STORY.slice(0, 200)} ${OTHER}`, dup: false },
  ];
  for (const c of near) {
    it(`SimHash: ${c.name} is ${c.dup ? '' : 'not '}a near-duplicate`, () => {
      const d = hamming(
        simhash(STORY) as { hi: number; lo: number },
        simhash(c.text) as { hi: number; lo: number },
      );
      assert.equal(d <= NEAR_DUPLICATE_DISTANCE, c.dup, `distance ${d}`);
    });
  }

  it('a short text gets no SimHash', () => {
    assert.equal(simhash('سقط صاروخ على القاعدة'), null);
  });

  it('hashes within distance 3 share a band (pigeonhole)', () => {
    const h = simhash(STORY) as { hi: number; lo: number };
    for (const flips of [
      [0, 17, 40],
      [1, 2, 3],
      [15, 31, 63],
      [16, 32, 48],
    ]) {
      let { hi, lo } = h;
      for (const b of flips) {
        if (b < 32) hi = (hi ^ (1 << b)) >>> 0;
        else lo = (lo ^ (1 << (b - 32))) >>> 0;
      }
      const other = { hi, lo };
      assert.equal(hamming(h, other), 3);
      const shared = bands(h).filter((v, i) => bands(other)[i] === v).length;
      assert.ok(shared >= 1, `flips ${flips}`);
    }
  });

  it('round-trips through a signed bigint', () => {
    for (const h of [
      { hi: 0xffffffff, lo: 0xffffffff },
      { hi: 0x80000000, lo: 1 },
      { hi: 0, lo: 0 },
      simhash(STORY) as { hi: number; lo: number },
    ]) {
      const s = toBigintText(h);
      assert.ok(BigInt(s) >= -(2n ** 63n) && BigInt(s) < 2n ** 63n);
      assert.deepEqual(fromBigintText(s), h);
    }
  });

  it('storable text replaces NUL and lone surrogates without changing length', () => {
    const s = `a\u0000b\uD800c\uDC00d😀`;
    const t = storableText(s);
    assert.equal(t.length, s.length);
    assert.equal(t, 'a\uFFFDb\uFFFDc\uFFFDd😀');
  });
});
