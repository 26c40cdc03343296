import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalize } from '../normalize/normalize.js';
import { countryMentions } from './doc.js';

describe('countryMentions', () => {
  const cases: [string, string | null, boolean][] = [
    ['قصف في غزة وفي الضفة الغربية، واليمنيون والحوثيون في اليمن', 'YE', false],
    ['العراق والعراقيون: غارة قرب الحدود السورية مع العراق', 'IQ', true],
    ['الضفة الغربية والضفة الغربية وغزة وتونس', 'PS', false],
    ['مباراة كرة قدم', null, false],
    // words of two countries that run into each other both count ("سوري" + "يمن"), and one
    // country's words never overlap each other: "مصري" is one mention of Egypt, not two
    ['سوريمن مصري مصري يمن', 'YE', true],
    ['الضفة الغربيةالضفة الغربية إيرانيون تركيا', 'PS', false],
  ];
  for (const [text, dominant, covered] of cases)
    it(text, () => {
      const { norm } = normalize(text);
      assert.deepEqual(countryMentions(norm), { dominant, covered });
    });
});
