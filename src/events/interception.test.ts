import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explainArticle, extractArticle } from './extract.js';
import type { InterceptionRule } from './interception.js';

// published 2024-01-10 is a Wednesday
const read = (text: string) => extractArticle({ id: 't', published: '2024-01-10', text }).events;

describe('interception: one named rule decides', () => {
  const cases: [string, string, [string, string | null, number | null, boolean | null], InterceptionRule][] =
    [
      [
        'everything shot down',
        'أسقطت الدفاعات الجوية طائرتين مسيرتين مفخختين قرب قاعدة حرير فجر اليوم.',
        ['Disrupted weapons use', 'drone', 2, true],
        'all-intercepted',
      ],
      [
        'an attempt to intercept is no interception',
        'سقطت ثلاثة صواريخ على قاعدة عين الأسد فجر اليوم رغم محاولة منظومة الدفاع التصدي لها.',
        ['Shelling/artillery/missile attack', 'rocket', 3, false],
        'failed-interception',
      ],
      [
        'two of three downed is a partial interception',
        'أطلقت الفصائل ثلاث طائرات مسيرة على قاعدة حرير فجر اليوم وأسقطت الدفاعات اثنتين منها.',
        ['Air/drone strike', 'drone', 3, false],
        'partial-interception',
      ],
      [
        '"at least one" downed is a partial interception',
        'هاجمت طائرات مسيرة قاعدة التنف فجر اليوم وأسقطت الدفاعات الجوية واحدة على الأقل.',
        ['Air/drone strike', 'drone', null, false],
        'partial-interception',
      ],
      [
        'Sunday (الأحد) is not "one of" (أحد): a downing dated by the weekday stays whole',
        'أسقطت الدفاعات الجوية طائرة مسيرة قرب مطار أربيل ليل الأحد.',
        ['Disrupted weapons use', 'drone', 1, true],
        'all-intercepted',
      ],
      [
        '"one of them" (إحداها) is still partial',
        'أطلقت الفصائل ثلاث طائرات مسيرة على قاعدة حرير ليل الأحد وأسقطت الدفاعات إحداها.',
        ['Air/drone strike', 'drone', 3, false],
        'partial-interception',
      ],
      [
        'a negated impact is no impact',
        'أسقطت الدفاعات الجوية طائرة مسيرة قرب مطار أربيل فجر اليوم دون أن تسفر عن أضرار.',
        ['Disrupted weapons use', 'drone', 1, true],
        'all-intercepted',
      ],
      [
        'one downed and another landed',
        'أسقطت الدفاعات الجوية طائرة مسيرة قرب مطار أربيل فجر اليوم وسقطت أخرى داخل المطار.',
        ['Air/drone strike', 'drone', 1, false],
        'impact-after-interception',
      ],
      [
        'the fall of what was downed is no impact',
        'اعترضت الدفاعات الجوية طائرتين مسيرتين قرب قاعدة التنف فجر اليوم سقطتا في منطقة خالية.',
        ['Disrupted weapons use', 'drone', 2, true],
        'all-intercepted',
      ],
      [
        'a failure to intercept is no interception',
        'سقط صاروخ على قاعدة عين الأسد فجر اليوم بعد فشل منظومة الدفاع في اعتراضه.',
        ['Shelling/artillery/missile attack', 'rocket', 1, false],
        'failed-interception',
      ],
      [
        'an attack foiled (أفشلت) is intercepted',
        'أفشلت الدفاعات الجوية فجر اليوم هجوما بطائرة مسيرة على قاعدة حرير.',
        ['Disrupted weapons use', 'drone', 1, true],
        'all-intercepted',
      ],
      [
        'a blast caused by the interception is the wreck, not an impact',
        'انفجرت طائرة مسيرة قرب قاعدة حرير فجر اليوم بعد اعتراضها.',
        ['Disrupted weapons use', 'drone', 1, true],
        'all-intercepted',
      ],
      [
        "the defender's account stands over the attacker's claim of a hit in the same sentence",
        'أكدت المقاومة الإسلامية في العراق أن طائرة مسيرة أطلقتها أصابت أهدافها بدقة في قاعدة حرير فجر اليوم، بينما قال التحالف إن الدفاعات أسقطت الطائرة.',
        ['Disrupted weapons use', 'drone', 1, true],
        'all-intercepted',
      ],
      [
        'an interception that carries its projectile as a pronoun is the outcome of the clause before',
        'استهدف هجوم قاعدة عين الأسد فجر اليوم، بطائرتين مسيرتين، تمكنت الدفاعات من إسقاطهما.',
        ['Disrupted weapons use', 'drone', 2, true],
        'all-intercepted',
      ],
      [
        'an ordinal of a month or of a series is no partial interception',
        'أعلن التحالف، الأحد 5 تشرين الثاني، إسقاط طائرة مسيرة قرب قاعدة التنف، وهي الثانية التي يتم إسقاطها.',
        ['Disrupted weapons use', 'drone', 1, true],
        'all-intercepted',
      ],
      [
        'an ordinal that qualifies another word, a quantifier of another noun: no partial interception',
        'في الذكرى السنوية الثانية للحادثة، أعلنت بعض وسائل الإعلام أن الدفاعات أحبطت هجوما بطائرتين مسيرتين على قاعدة حرير فجر اليوم.',
        ['Disrupted weapons use', 'drone', 2, true],
        'all-intercepted',
      ],
      [
        'an ordinal after a projectile noun is a part of the attack',
        'أسقطت الدفاعات الجوية طائرة مسيرة فوق قاعدة حرير فجر اليوم والطائرة الثانية سقطت داخل القاعدة.',
        ['Air/drone strike', 'drone', 1, false],
        'partial-interception',
      ],
      [
        'defences that could not down the rockets intercepted nothing',
        'سقطت صواريخ على مطار المزة فجر اليوم دون أن تتمكن الدفاعات الجوية التابعة للجيش من إسقاطها.',
        ['Shelling/artillery/missile attack', 'rocket', null, false],
        'failed-interception',
      ],
      [
        'a system that failed to intercept intercepted nothing',
        'أطلقت الفصائل صاروخين على قاعدة حرير فجر اليوم ولم تتمكن المنظومة من اعتراضهما.',
        ['Shelling/artillery/missile attack', 'rocket', 2, false],
        'failed-interception',
      ],
      [
        // negative: the ability alone is an interception
        'defences that could down the drones intercepted them',
        'هاجمت طائرتان مسيرتان قاعدة حرير فجر اليوم وتمكنت الدفاعات الجوية من إسقاطهما.',
        ['Disrupted weapons use', 'drone', 2, true],
        'all-intercepted',
      ],
      [
        '"most of them" (أغلبيتها) downed is a partial interception',
        'أطلقت الفصائل رشقات من الصواريخ على قاعدة حرير فجر اليوم وأسقطت الدفاعات الجوية أغلبيتها.',
        ['Shelling/artillery/missile attack', 'rocket', null, false],
        'partial-interception',
      ],
      [
        '"a large number of them" downed is a partial interception',
        'تصدت الدفاعات الجوية لصواريخ استهدفت ريف حمص فجر اليوم وتمكنت من إسقاط عدد كبير منها.',
        ['Shelling/artillery/missile attack', 'rocket', null, false],
        'partial-interception',
      ],
      [
        // "at least one" qualifies the drone of the attack, not a part downed
        'a count after the projectile noun counts the attack, it is no partial interception',
        'أفاد مصدر بأن الدفاعات الجوية في قاعدة حرير تصدت لهجوم بطائرة مسيرة واحدة على الأقل فجر اليوم.',
        ['Disrupted weapons use', 'drone', 1, true],
        'all-intercepted',
      ],
      [
        'a ground attack repelled is fought, not intercepted',
        'تصدت قوات الحشد فجر اليوم لهجوم شنه مسلحو تنظيم داعش على قرية قرب جلولاء.',
        ['Armed clash', null, null, null],
        'repelled',
      ],
      [
        'air strikes are not intercepted',
        'شنت طائرات حربية غارات على مواقع في البوكمال فجر اليوم.',
        ['Air/drone strike', 'aircraft', null, false],
        'air-strike',
      ],
    ];
  for (const [name, text, want, rule] of cases)
    it(name, () => {
      const got = read(text).map((e) => [e.type, e.weapon, e.munitions, e.intercepted]);
      assert.deepEqual(got, [want]);
      const x = explainArticle({ id: 't', published: '2024-01-10', text });
      assert.equal(x.mentions[0].interceptionRule, rule);
    });

  it('reads the downing in the next sentence as the outcome of the attack before it', () => {
    const got = read(
      'أطلقت الفصائل طائرة مسيرة باتجاه قاعدة حرير فجر اليوم.\nوتمكنت الدفاعات الجوية من إسقاط الطائرة قبل وصولها.',
    ).map((e) => [e.type, e.place, e.intercepted]);
    assert.deepEqual(got, [['Disrupted weapons use', 'Harir Air Base', true]]);
  });

  it("the account that it was shot down stands over the attacker's claim of a hit (claimed-hit)", () => {
    const text =
      'أسقطت القوات الأمريكية طائرة مسيرة قرب قاعدة حرير فجر اليوم.\nوقالت المقاومة الإسلامية في العراق إنها استهدفت قاعدة حرير بطائرة مسيرة أصابت أهدافها بشكل مباشر.';
    const x = explainArticle({ id: 't', published: '2024-01-10', text });
    assert.deepEqual(
      x.mentions.map((m) => m.interceptionRule),
      ['all-intercepted', 'claimed-hit'],
    );
    assert.deepEqual(
      read(text).map((e) => [e.type, e.place, e.actor, e.intercepted]),
      [['Disrupted weapons use', 'Harir Air Base', 'Islamic Resistance in Iraq', true]],
    );
  });

  it('a hit that hurt someone is no mere claim: the attack landed', () => {
    const text =
      'أسقطت القوات الأمريكية طائرة مسيرة قرب قاعدة حرير فجر اليوم.\nوقالت المقاومة الإسلامية في العراق إنها استهدفت قاعدة حرير بطائرة مسيرة أصابت أهدافها بشكل مباشر ما أدى إلى إصابة جنديين.';
    const x = explainArticle({ id: 't', published: '2024-01-10', text });
    assert.deepEqual(
      x.mentions.map((m) => m.interceptionRule),
      ['all-intercepted', 'projectile-impact'],
    );
    assert.deepEqual(
      read(text).map((e) => [e.type, e.intercepted]),
      [['Air/drone strike', false]],
    );
  });

  it('does not read a downing with no projectile reported before it', () => {
    assert.deepEqual(read('وتمكنت الدفاعات الجوية من إسقاط الطائرة قرب قاعدة حرير.'), []);
  });
});
