/**
 * Place mentions in sentences written for these tests: the classes of place the gazetteer
 * covers (crossings, fields, roads, Baghdad-belt towns, shrines, farms), macro-regions
 * with geo_precision 3, container words that make a place approximate, names with their
 * numbers spelled out, and common words that must not become places.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultLexicon } from '../lexicon/lexicon.js';
import { normalize } from '../normalize/normalize.js';
import { segment } from '../segment/segment.js';
import { eventPlaces, findPlaces, geoPrecision, MACRO_REGION_KM } from './places.js';

const lex = defaultLexicon();

/** The event places of a sentence as "id p<precision>". */
function placesOf(text: string): string[] {
  const { tokens } = segment(normalize(text).norm);
  const mentions = findPlaces(lex, tokens, 0, tokens.length);
  return eventPlaces(mentions).map((m) => `${m.place.id} p${geoPrecision(m.place, m.near)}`);
}

interface Case {
  text: string;
  want: string[];
}

function table(name: string, cases: Case[]): void {
  describe(name, () => {
    for (const c of cases) it(c.text, () => assert.deepEqual(placesOf(c.text), c.want));
  });
}

table('new classes of place', [
  { text: 'انفجرت عبوة ناسفة قرب معبر نصيب الحدودي مع الأردن', want: ['crossing:nasib p2'] },
  { text: 'أغلقت السلطات منفذ الوليد بعد هجوم بقذائف الهاون', want: ['crossing:al-walid p1'] },
  { text: 'سقطت قذيفتان داخل حقل الرميلة النفطي جنوب غربي البصرة', want: ['field:rumaila p1'] },
  { text: 'استهدفت طائرة مسيرة حقل الشاعر للغاز', want: ['field:shaer p1'] },
  { text: 'انفجرت عبوة بسيارة عسكرية على الطريق الدولي M4', want: ['road:m4 p1'] },
  { text: 'هاجم مسلحون نقطة تفتيش في اليوسفية جنوبي بغداد', want: ['town:yusufiyah p1'] },
  { text: 'سقطت قذيفة هاون في ناحية جسر ديالى', want: ['town:jisr-diyala p1'] },
  { text: 'انفجرت عبوة قرب مرقد السيدة زينب', want: ['wof:1309996623 p2'] },
  { text: 'قتل ثلاثة في هجوم على الرطبة', want: ['wof:1141907901 p1'] },
  { text: 'عثر على صواريخ معدة للإطلاق في مزارع الشحيل', want: ['town:shuhayl p1'] },
]);

table('a quoted site name after its base word and owner', [
  { text: 'استهدفت طائرة مسيرة قاعدة الاحتلال الأمريكي "حرير" شمال العراق', want: ['base:harir:cue p1'] },
  { text: 'قصف صاروخي على قاعدة القوات الأجنبية (الحرير) في أربيل', want: ['base:harir:cue p1'] },
  // a quoted name right after "في" is a town's (القائم needs context otherwise)
  {
    text: 'هجوم جوي على قوات الحشد في "القائم" و"جرف النصر"',
    want: ['town:al-qaim p1', 'town:jurf-al-sakhar p1'],
  },
  { text: 'وقال إن الوضع القائم لا يحتمل', want: [] },
  // not quoted, or a quote that is not the base's name
  { text: 'وقال سكان من حرير إن الطريق أغلق', want: [] },
  { text: 'قاعدة الاحتلال الأمريكي في شمال العراق "حرير بالنسبة لنا هدف"', want: ['region:iq-north p3'] },
]);

table('a name borne in two countries is the one of the other places of the clause', [
  {
    text: 'استهدفت ثلاث طائرات قاعدة الإمام علي ومنطقة الحسيان في مدينة البوكمال',
    want: ['base:imam-ali-bukamal p1'],
  },
  { text: 'سقط صاروخ قرب قاعدة الإمام علي الجوية في الناصرية', want: ['base:imam-ali p2'] },
  // a name that needs context, then the city it lies in: a village of that name elsewhere is not meant
  { text: 'استهدفت الغارة آلية في منطقة الحزام الغربي لمدينة القامشلي', want: ['wof:1225958399 p2'] },
  // "the capital" is a common noun, not Kuwait's Capital Governorate
  { text: 'سقطت صواريخ على قاعدة التاجي شمال العاصمة بغداد', want: ['base:taji p1'] },
]);

table('rule patron-name: who backs a group is its government, not a place', [
  { text: 'استهدفت غارة مقرا لمقاتلين مؤيدين لدمشق في البوكمال', want: ['city:abu-kamal p1'] },
  { text: 'قصفت فصائل موالية لدمشق مواقع في مدينة البوكمال', want: ['city:abu-kamal p1'] },
  { text: 'استهدفت غارة مقرا لفصائل مدعومة من دمشق في البوكمال', want: ['city:abu-kamal p1'] },
  { text: 'قصفت قوات موالية لدمشق وطهران حقل كونيكو', want: ['facility:conoco p1'] },
  // a place a site belongs to is a place ("التابعة لناحية القحطانية")
  { text: 'قصفت طائرة مسيرة محطة نفطية تابعة للمالكية', want: ['wof:1209733291 p1'] },
  // not after a patron word: the city
  { text: 'سقطت قذيفة هاون على حي في دمشق', want: ['wof:85678403 p3'] },
]);

table('rule overflight: where aircraft flew is no site', [
  { text: 'وتحدث المراسل عن تحليق مكثف للطيران فوق منطقة معيزيلة عقب الهجوم', want: [] },
  { text: 'وشوهد تحليق لطائرات مسيرة في سماء مدينة البوكمال بعد القصف', want: [] },
  // the drone itself over the site, or no flight word: the site
  {
    text: 'أسقطت الدفاعات طائرة مسيرة كانت تحلق في أجواء السفارة الأمريكية',
    want: ['facility:us-embassy-baghdad p1'],
  },
  { text: 'سقطت قذيفة فوق منطقة معيزيلة', want: ['wof:1327112779 p1'] },
]);

table('rule stated-nationality: a country adjective after a settlement says its country', [
  // a homonym village in another country is no place
  { text: 'استهدف هجوم حافلة في مدينة صعدة اليمنية', want: [] },
  { text: 'قصفت طائرات النظام السوري بلدة سرمدا', want: ['wof:1243149425 p1'] },
  // the adjective of the place's own country changes nothing
  { text: 'استهدفت غارة مقرا في مدينة القامشلي السورية', want: ['wof:1225958399 p1'] },
  // after a site it says whose the site is
  { text: 'سقطت صواريخ على معسكر زليكان التركي', want: ['base:zilkan p1'] },
  // descriptive adjectives may come between the name and the country's adjective
  { text: 'استهدف هجوم حافلة في مدينة صعدة الحدودية اليمنية', want: [] },
  { text: 'استهدف هجوم حافلة في مدينة صعدة الجبلية الشمالية اليمنية', want: [] },
  { text: 'استهدفت غارة مقرا في مدينة القامشلي الحدودية السورية', want: ['wof:1225958399 p1'] },
  // (a word of another sort ends the reach: the adjective then is no place's)
  { text: 'استهدف هجوم حافلة في مدينة صعدة قرب الحدود اليمنية', want: ['wof:1259587391 p1'] },
]);

table('a coarser place right after a place says where it lies', [
  { text: 'استهدف قصف صاروخي حقل كورمور الغازي في قضاء جمجمال بالسليمانية', want: ['facility:khor-mor p1'] },
  // a list is two sites
  {
    text: 'هاجمت خلايا التنظيم عناصر الفصيل في بادية دير الزور شرقي سوريا',
    want: ['region:deir-ez-zor-desert p3'],
  },
  { text: 'سقطت ستة صواريخ قرب معسكر زليكان في منطقة بعشيقة بمحافظة نينوى', want: ['base:zilkan p2'] },
  { text: 'سقطت صواريخ على حقل كورمور وقضاء جمجمال', want: ['facility:khor-mor p1', 'wof:1108562745 p2'] },
]);

table('a road named by its two ends is near the first', [
  { text: 'استهدفت مسيرة سيارة على طريق القامشلي - المالكية', want: ['wof:1225958399 p2'] },
  { text: 'انفجرت عبوة على الطريق الواصل بين الرمادي والفلوجة', want: ['wof:421181481 p2'] },
  // a name that needs context, joined by و to a town that does not: the list goes on
  { text: 'قصفت طائرات مواقع في الفلوجة والقائم', want: ['wof:421173897 p1', 'town:al-qaim p1'] },
  { text: 'زار الوزير الموقع والقائم على المشروع', want: [] },
  // "مصيف صلاح الدين" is a resort town by Erbil, not the governorate of Salah al-Din
  { text: 'سقطت صواريخ على طريق أربيل – مصيف صلاح الدين', want: ['town:masif-salahaddin p1'] },
  // two towns, not a road: both are sites
  { text: 'سقطت قذائف على القامشلي والمالكية', want: ['wof:1225958399 p1', 'wof:1209733291 p1'] },
]);

table("the places of an aside are not the event's", [
  {
    text: 'استهدفت غارات مواقع في مدينة الكسوة، بالتزامن مع تحليق طيران حربي في سماء درعا والسويداء',
    want: ['wof:1125980727 p1'],
  },
  { text: 'قصفت طائرات مواقع في مدينة نوى في ظل دعوات للانسحاب من القنيطرة', want: ['wof:1259793161 p1'] },
  // an attack word right after the opener is an embedded event: its places stay
  {
    text: 'قصفت طائرات مواقع في مدينة نوى بالتزامن مع قصف مدفعي على القنيطرة',
    want: ['wof:1259793161 p1', 'wof:1125979117 p1'],
  },
]);

describe('a region named right after a name borne in two countries says which', () => {
  it('in an article about Iraq, "والتنف جنوبي سورية" is the Syrian garrison, not the Iraqi village', () => {
    const { tokens } = segment(
      normalize('وكان لقاعدتي حرير في العراق، والتنف جنوبي سورية، ضربة لكل واحدة').norm,
    );
    const got = eventPlaces(findPlaces(lex, tokens, 0, tokens.length, new Set(), 'IQ')).map(
      (m) => m.place.id,
    );
    assert.deepEqual(got, ['base:harir:cue', 'base:tanf']);
  });
});

table('macro-regions carry geo_precision 3', [
  { text: 'قصفت طائرات مجهولة مستودعا غربي العراق', want: ['region:iq-west p3'] },
  { text: 'دوت انفجارات في شمال شرق سورية ليلا', want: ['region:sy-north-east p3'] },
  { text: 'وقعت غارة في الشرق السوري فجر اليوم', want: ['region:sy-east p3'] },
  { text: 'استهدفت غارات جنوب شرق محافظة السويداء', want: ['region:as-suwayda-south-east p3'] },
  { text: 'اندلعت اشتباكات في الريف الشمالي لحلب', want: ['region:aleppo-north p3'] },
  { text: 'قصف مدفعي على ريف دير الزور الشرقي', want: ['region:deir-ez-zor-east p3'] },
  { text: 'هاجمت خلية مسلحة رتلا في البادية السورية', want: ['region:syrian-desert p3'] },
  { text: 'ضربة جوية على الحدود العراقية السورية', want: ['region:iraq-syria-border p3'] },
  { text: 'سقط صاروخ في صحراء الأنبار', want: ['region:anbar-desert p3'] },
  // a site named with its region: the region only locates it
  { text: 'سقطت صواريخ على قاعدة عين الأسد غربي العراق', want: ['base:ain-al-asad p1'] },
  { text: 'هجوم بمسيرة على البرج 22 شمال شرق الأردن', want: ['base:tower-22 p1'] },
  { text: 'غارة على البوكمال قرب الحدود العراقية السورية', want: ['city:abu-kamal p1'] },
  { text: 'قصف في شرق دير الزور طال بلدة الباغوز', want: ['town:baghuz p1'] },
]);

table('container fallback: an unknown place inside a known one', [
  { text: 'استهدف قصف موقعا في منطقة الخرابيش في بادية الميادين', want: ['wof:1125980167 p2'] },
  { text: 'قتل راع بانفجار لغم في مزرعة على أطراف البوكمال', want: ['city:abu-kamal p2'] },
  { text: 'سقطت قذيفة في منطقة الجرذي شرقي الميادين', want: ['wof:1125980167 p2'] },
  { text: 'انفجرت عبوة في محيط مدينة منبج', want: ['wof:1141906291 p2'] },
  { text: 'غارة على مزرعة في ريف البوكمال', want: ['city:abu-kamal p2'] },
  // a known village with its container: the village itself
  { text: 'قصف طال قرية قصر البنات قرب مدينة منبج', want: ['wof:1125964943 p1'] },
  // no container: an unknown name stays unknown
  { text: 'استهدف قصف موقعا في منطقة الخرابيش', want: [] },
  // container words in other senses
  { text: 'عاد إلى قريته في الريف بعد العيد', want: [] },
  { text: 'تجمع الصحفيون في محيط الملعب قبل المباراة', want: [] },
  { text: 'أعلن عن قرب موعد الانتخابات', want: [] },
  { text: 'وصل الأسطول إلى المحيط الهادئ', want: [] },
]);

table('numbers written out, article and hamza variants', [
  { text: 'هاجمت مسيرة البرج 22 فجرا', want: ['base:tower-22 p1'] },
  { text: 'هاجمت مسيرة برج 22 فجرا', want: ['base:tower-22 p1'] },
  { text: 'هاجمت مسيرة البرج اثنين وعشرين فجرا', want: ['base:tower-22 p1'] },
  { text: 'استهدفت قاعدة يونيون ثلاثة', want: ['base:union-iii p1'] },
  { text: 'استهدفت غارة الصقلاويه', want: ['town:saqlawiyah p1'] },
  { text: 'سقطت قذائف على اسحاقي', want: [] },
  { text: 'اشتباك في قضاء الشرقاط', want: ['town:shirqat p1'] },
]);

table('common words are not places', [
  { text: 'وقع الكاتب كتابه العظيم في معرض الكتاب', want: [] },
  { text: 'سجل اللاعب هدفا في شمال الملعب', want: [] },
  { text: 'ارتفعت أسعار النفط في الشرق الأوسط', want: [] },
  { text: 'تحدث الوزير عن طريق المفاوضات', want: [] },
  // a preposition after a cue word is not a village of that name (not-names.txt)
  { text: 'يعيش الراعي في مزرعة على ضفة النهر', want: [] },
]);

describe('macro-region rule', () => {
  it('a macro-region gives way to any more precise place within reach', () => {
    assert.equal(MACRO_REGION_KM, 300);
    // al-Tanf is in Syria, the border region's point is by Abu Kamal: same country
    assert.deepEqual(placesOf('هجوم على قاعدة التنف قرب الحدود العراقية السورية'), ['base:tanf p1']);
  });
  it('a province named with a macro-region keeps the province', () => {
    assert.deepEqual(placesOf('غارة على دير الزور في الشرق السوري'), ['wof:85678381 p3']);
  });
});

table('a stated container picks among homonyms (X بريف Y)', [
  // the only الدار الكبيرة of the gazetteer lies in Homs: named in Idlib, it is not that village
  { text: 'قصفت طائرات حربية بلدة الدار الكبيرة بريف إدلب الجنوبي', want: ['region:idlib-south p3'] },
  { text: 'قصفت طائرات حربية بلدة الدار الكبيرة بريف حمص الشمالي', want: ['wof:1310579387 p1'] },
  { text: 'قصفت طائرات حربية بلدة الدار الكبيرة', want: ['wof:1310579387 p1'] },
  // the next item of a list is no container
  {
    text: 'استهدفت الضربات مقرات في جرف الصخر، المسيب، النجف والإسكندرية',
    want: ['town:jurf-al-sakhar p1', 'wof:1141906621 p1', 'wof:85672439 p3', 'town:iskandariya:cue p1'],
  },
]);

table('a direction after a site is not another site (باتجاه after a named site)', [
  { text: 'قصفت طائرات حربية مطار التيفور بريف حمص الشرقي باتجاه منطقة التنف', want: ['airport:t4 p1'] },
  // with no site before it, the direction word introduces the target
  { text: 'أطلقت صواريخ باتجاه قاعدة عين الأسد', want: ['base:ain-al-asad p1'] },
]);

table('preposition-licensed: a name that needs context, right after a preposition', [
  { text: 'قصفت طائرات مواقع لفصيل مسلح في القائم', want: ['town:al-qaim p1'] },
  { text: 'سقطت قذيفة قرب القائم في محافظة الأنبار', want: ['town:al-qaim p2'] },
  // the common word: a goalpost, the one in charge, the existing state of things
  { text: 'ارتدت الكرة من القائم الأيمن في هجوم خطير', want: [] },
  { text: 'التقى الوزير القائم بأعمال السفارة بعد الهجوم', want: [] },
  { text: 'وقال إن الوضع القائم لا يحتمل هجوما جديدا', want: [] },
  // a clitic on the name is no preposition of its own
  { text: 'ارتطمت الكرة بالقائم في هجوم خطير', want: [] },
]);
