/**
 * Synthetic Arabic news articles for scale and fault tests: incidents (a place, a day, a
 * weapon, an actor, a toll) each reported by one to five articles worded differently, plus
 * exact copies (the same article delivered twice) and near-copies (a syndicated copy with a
 * byline). Deterministic for a seed. Every sentence here was written for this project.
 */
import type { Article } from '../io/types.js';

interface Place {
  /** how the text names it */
  name: string;
  /** where it is, as a phrase after the name */
  where: string;
}

const PLACES: Place[] = [
  { name: 'قاعدة عين الأسد الجوية', where: 'في محافظة الأنبار غربي العراق' },
  { name: 'قاعدة حرير', where: 'شمال أربيل في إقليم كردستان' },
  { name: 'مطار أربيل الدولي', where: 'في عاصمة إقليم كردستان' },
  { name: 'قاعدة فيكتوريا', where: 'قرب مطار بغداد الدولي' },
  { name: 'قاعدة التنف', where: 'عند المثلث الحدودي في ريف حمص الشرقي' },
  { name: 'حقل كونيكو للغاز', where: 'في ريف دير الزور الشرقي' },
  { name: 'حقل العمر النفطي', where: 'في ريف دير الزور' },
  { name: 'قاعدة الشدادي', where: 'في ريف الحسكة الجنوبي' },
  { name: 'قاعدة خراب الجير', where: 'في ريف الحسكة' },
  { name: 'قاعدة تل بيدر', where: 'في ريف الحسكة الشمالي' },
  { name: 'قاعدة بلد الجوية', where: 'في محافظة صلاح الدين' },
  { name: 'معسكر التاجي', where: 'شمال العاصمة بغداد' },
  { name: 'قاعدة القرية الخضراء', where: 'في ريف دير الزور الشرقي' },
  { name: 'قاعدة رميلان', where: 'في أقصى شمال شرق سوريا' },
  { name: 'مطار باشور', where: 'في محافظة أربيل' },
];

interface Weapon {
  /** "استهدف X <place>" subject */
  subject: string;
  /** headline noun phrase */
  head: string;
  /** "الهجوم ب…" */
  by: string;
}

const WEAPONS: Weapon[] = [
  { subject: 'ثلاثة صواريخ كاتيوشا', head: 'صواريخ', by: 'بالصواريخ' },
  { subject: 'صاروخان من طراز غراد', head: 'صاروخان', by: 'بالصواريخ' },
  { subject: 'طائرة مسيرة مفخخة', head: 'طائرة مسيرة', by: 'بطائرة مسيرة' },
  { subject: 'طائرتان مسيرتان', head: 'مسيرتان', by: 'بطائرتين مسيرتين' },
  { subject: 'أربع قذائف هاون', head: 'قذائف هاون', by: 'بقذائف الهاون' },
];

const ACTORS = ['المقاومة الإسلامية في العراق', 'كتائب حزب الله', null, null];

const WEEKDAYS = ['الأحد', 'الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت'];

const FILLER = [
  'ويأتي الهجوم في ظل توتر متصاعد تشهده المنطقة منذ أشهر.',
  'ولم تصدر القيادة المركزية الأمريكية تعليقا فوريا على الحادث.',
  'وتضم القاعدة قوات أمريكية ضمن التحالف الدولي منذ سنوات.',
  'ودعت الحكومة في بيان لاحق إلى ضبط النفس وحصر السلاح بيد الدولة.',
  'وقال شهود عيان إنهم سمعوا دوي انفجارات متتالية في محيط المكان.',
  'وأغلقت القوات الأمنية الطرق المؤدية إلى الموقع لساعات.',
  'وتتكرر مثل هذه الهجمات منذ اندلاع الحرب في غزة.',
  'وأكد مسؤول محلي أن الأوضاع عادت إلى طبيعتها بعد ساعات.',
  'وتحدثت منصات مقربة من الفصائل عن إصابات مباشرة دون أن يتسنى التحقق من ذلك.',
  'وأشار مراقبون إلى أن وتيرة الهجمات ارتفعت خلال الأسابيع الأخيرة.',
  'وحلقت طائرات استطلاع في أجواء المنطقة عقب الهجوم.',
  'وفتحت السلطات تحقيقا لمعرفة الجهة التي أطلقت المقذوفات.',
  'ويطالب نواب في البرلمان بجدول زمني لخروج القوات الأجنبية.',
  'وسبق أن تعرض الموقع ذاته لهجمات مماثلة في الأشهر الماضية.',
  'وانتشرت مقاطع مصورة تظهر أعمدة دخان تتصاعد من داخل الموقع.',
  'وتعهد مسؤولون في واشنطن بالرد في الوقت المناسب.',
  'وأفادت مصادر طبية بأن المستشفيات القريبة رفعت درجة الاستعداد.',
  'وتعد المنشأة من أبرز مواقع انتشار القوات الأجنبية في المنطقة.',
  'ونقلت وكالات أنباء عن مصادر أمنية تأكيدها وقوع الهجوم.',
  'ولم يتضح بعد حجم الأضرار المادية التي خلفها القصف.',
];

const OUTLETS = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta'];

/** mulberry32 */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function addDays(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function weekday(iso: string): string {
  return WEEKDAYS[new Date(`${iso}T00:00:00Z`).getUTCDay()];
}

interface Incident {
  place: Place;
  date: string;
  weapon: Weapon;
  actor: string | null;
  injured: number;
}

function casualties(n: number, variant: number): string {
  if (n === 0) return variant % 2 ? 'دون أن يسفر عن إصابات' : 'ولم يسفر الهجوم عن خسائر بشرية';
  if (n === 1) return 'ما أدى إلى إصابة جندي أمريكي بجروح طفيفة';
  return `ما أدى إلى إصابة ${['', '', 'جنديين', 'ثلاثة جنود', 'أربعة جنود'][Math.min(n, 4)]} بجروح`;
}

/** One article about an incident, in one of several wordings. */
function write(
  inc: Incident,
  variant: number,
  pick: () => number,
): { text: string; published: string; title: string } {
  const sameDay = variant % 3 !== 2;
  const published = sameDay ? inc.date : addDays(inc.date, 1);
  const when = sameDay
    ? [
        `فجر اليوم ${weekday(inc.date)}`,
        `صباح اليوم ${weekday(inc.date)}`,
        `مساء اليوم ${weekday(inc.date)}`,
      ][variant % 3]
    : `مساء أمس ${weekday(inc.date)}`;
  const claim = inc.actor
    ? `وتبنت ${inc.actor} الهجوم في بيان مقتضب.`
    : 'ولم تعلن أي جهة مسؤوليتها عن الهجوم حتى الآن.';
  const fillers: string[] = [];
  const used = new Set<number>();
  while (fillers.length < 3) {
    const k = Math.floor(pick() * FILLER.length);
    if (used.has(k)) continue;
    used.add(k);
    fillers.push(FILLER[k]);
  }
  const title = `${inc.weapon.head} تستهدف ${inc.place.name}`;
  let body: string;
  switch (variant % 4) {
    case 0:
      body = `استهدفت ${inc.weapon.subject} ${inc.place.name} ${inc.place.where} ${when}، ${casualties(inc.injured, variant)}، وفق ما أفاد مصدر أمني. ${claim}`;
      break;
    case 1:
      body = `تعرضت ${inc.place.name} ${inc.place.where} ${when} لهجوم ${inc.weapon.by}، ${casualties(inc.injured, variant)}. ${claim}`;
      break;
    case 2:
      body = `أفاد مصدر أمني بأن ${inc.weapon.subject} استهدفت ${inc.place.name} ${when}، ${casualties(inc.injured, variant)}. ${claim}`;
      break;
    default:
      body = `قال مسؤول في التحالف الدولي إن ${inc.place.name} ${inc.place.where} تعرضت ${when} لهجوم ${inc.weapon.by}، ${casualties(inc.injured, variant)}. ${claim}`;
  }
  return { text: `${title}\n${body}\n${fillers.join(' ')}`, published, title };
}

export interface SyntheticOptions {
  seed?: number;
  /** first incident day (default 2023-10-18) */
  from?: string;
  /** days the incidents spread over (default 120) */
  days?: number;
}

/**
 * `n` articles: incidents reported by 1–5 articles each, about 3% exact copies (same id and
 * text, delivered again) and 3% near-copies (a byline added, a new id and URL).
 */
export function syntheticArticles(n: number, opts: SyntheticOptions = {}): Article[] {
  const pick = rng(opts.seed ?? 42);
  const from = opts.from ?? '2023-10-18';
  const days = opts.days ?? 120;
  const out: Article[] = [];
  const taken = new Set<string>();
  let k = 0;
  while (out.length < n) {
    // a (place, day) not used before, so that incidents differ
    let place: Place;
    let date: string;
    do {
      place = PLACES[Math.floor(pick() * PLACES.length)];
      date = addDays(from, Math.floor(pick() * days));
    } while (taken.has(`${place.name}|${date}`) && taken.size < PLACES.length * days);
    taken.add(`${place.name}|${date}`);
    const inc: Incident = {
      place,
      date,
      weapon: WEAPONS[Math.floor(pick() * WEAPONS.length)],
      actor: ACTORS[Math.floor(pick() * ACTORS.length)],
      injured: Math.floor(pick() * 4),
    };
    const reports = 1 + Math.floor(pick() * 5);
    const first = Math.floor(pick() * 4);
    for (let r = 0; r < reports && out.length < n; r++) {
      const variant = first + r;
      const outlet = OUTLETS[(k + r) % OUTLETS.length];
      const w = write(inc, variant, pick);
      const id = `syn-${k}-${r}`;
      const a: Article = {
        id,
        published: w.published,
        text: w.text,
        url: `https://${outlet}.example/news/${k}/${r}`,
        title: w.title,
        outlet,
      };
      out.push(a);
      const roll = pick();
      if (roll < 0.03 && out.length < n) out.push({ ...a });
      else if (roll < 0.06 && out.length < n) {
        out.push({
          ...a,
          id: `${id}-copy`,
          url: `https://copy.example/news/${k}/${r}`,
          outlet: 'copy',
          text: `${a.text}\nنقلا عن وكالة الأنباء المحلية.`,
        });
      }
    }
    k++;
  }
  return out.slice(0, n);
}
