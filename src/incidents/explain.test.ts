import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coreferenceView, disagreements } from './explain.js';

const mention = (id: number, article_id: string, o: Record<string, unknown> = {}) => ({
  id,
  article_id,
  type: 'Air/drone strike',
  actor: null,
  weapon: 'drone',
  target: null,
  munitions: null,
  killed: null,
  injured: null,
  intercepted: null,
  ...o,
});

describe('incident explanation', () => {
  it('says which source gives which value of each disputed field', () => {
    const ms = [
      mention(3, 'c', { killed: 2 }),
      mention(1, 'a', { killed: 3, weapon: 'drone' }),
      mention(2, 'b', { killed: 3, weapon: 'missile' }),
    ];
    const sources = [
      { mention_id: 1, outlet: 'Alpha' },
      { mention_id: 2, outlet: 'Beta' },
      { mention_id: 3, outlet: null },
    ];
    assert.deepEqual(disagreements(['killed', 'weapon', 'date'], ms, sources), [
      {
        field: 'killed',
        values: [
          {
            value: 3,
            sources: [
              { article_id: 'a', outlet: 'Alpha', mention_id: 1 },
              { article_id: 'b', outlet: 'Beta', mention_id: 2 },
            ],
          },
          { value: 2, sources: [{ article_id: 'c', outlet: null, mention_id: 3 }] },
        ],
      },
      {
        field: 'weapon',
        values: [
          {
            value: 'drone',
            sources: [
              { article_id: 'a', outlet: 'Alpha', mention_id: 1 },
              { article_id: 'c', outlet: null, mention_id: 3 },
            ],
          },
          { value: 'missile', sources: [{ article_id: 'b', outlet: 'Beta', mention_id: 2 }] },
        ],
      },
    ]);
  });

  it('a disputed target lists the stated values, not the one a site implies', () => {
    const site = {
      target: 'coalition',
      implied: { target: { rule: 'site-hosts', place_id: 'base:ain-al-asad' } },
    };
    const ms = [
      mention(1, 'a', { target: 'us_forces' }),
      mention(2, 'b', site),
      mention(3, 'c', { target: 'iraqi_forces' }),
    ];
    const sources = [1, 2, 3].map((id) => ({ mention_id: id, outlet: null }));
    assert.deepEqual(disagreements(['target'], ms, sources), [
      {
        field: 'target',
        values: [
          { value: 'us_forces', sources: [{ article_id: 'a', outlet: null, mention_id: 1 }] },
          { value: 'iraqi_forces', sources: [{ article_id: 'c', outlet: null, mention_id: 3 }] },
        ],
      },
    ]);
  });

  it('names the articles of each join', () => {
    const stored = {
      joins: [
        {
          mention_id: 2,
          to_mention_id: 1,
          km: 0,
          days: 1,
          evidence: [{ rule: 'date:night-window' as const }],
        },
      ],
      may_be_one_of: ['x'],
      pinned: false,
    };
    assert.deepEqual(coreferenceView(stored, [mention(1, 'a'), mention(2, 'b')]), {
      joins: [
        {
          mention_id: 2,
          article_id: 'b',
          to_mention_id: 1,
          to_article_id: 'a',
          km: 0,
          days: 1,
          evidence: [{ rule: 'date:night-window' }],
        },
      ],
      may_be_one_of: ['x'],
      pinned: false,
    });
    assert.deepEqual(coreferenceView(null, []), { joins: [], may_be_one_of: [], pinned: false });
  });
});
