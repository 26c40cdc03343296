import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalize } from '../normalize/normalize.js';
import { tokenize } from '../segment/segment.js';
import { countryMentions } from './doc.js';

describe('countryMentions', () => {
  const cases: [string, string | null, boolean][] = [
    ['قصف في غزة وفي الضفة الغربية، واليمنيون والحوثيون في اليمن', 'YE', false],
    ['العراق والعراقيون: غارة قرب الحدود السورية مع العراق', 'IQ', true],
    ['الضفة الغربية والضفة الغربية وغزة وتونس', 'PS', false],
    ['مباراة كرة قدم', null, false],
  ];
  for (const [text, dominant, covered] of cases)
    it(text, () => {
      const { norm } = normalize(text);
      const byText = countryMentions(norm);
      assert.deepEqual(byText, { dominant, covered });
      // counted from the tokens, the same
      assert.deepEqual(countryMentions(norm, tokenize(norm)), byText);
    });
});
