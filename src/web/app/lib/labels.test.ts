/** Every actor an incident can carry has an Arabic label in the Arabic interface. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import acled from '../../../../data/acled/actors.json';
import labelsAr from '../../../../data/labels/actors-ar.json';
import lexicon from '../../../../data/lexicon/actors.json';
import { SYNTHETIC_ACTORS } from '../../../db/sql.js';
import { label } from './labels.js';

const ARABIC = /[\u0600-\u06FF]/;
const LATIN = /[A-Za-z]/;

const lexActors = (lexicon as { actors: { name: string; umbrella?: string }[] }).actors;

describe('actor labels', () => {
  const actors = new Set<string>([
    ...Object.keys((acled as { actors: Record<string, unknown> }).actors),
    ...lexActors.map((a) => a.name),
    ...lexActors.flatMap((a) => (a.umbrella ? [a.umbrella] : [])),
    ...SYNTHETIC_ACTORS,
  ]);

  it('labels every actor in Arabic (the ACLED table, the lexicon and its umbrellas, the synthetic stores)', () => {
    for (const name of actors) {
      const ar = label('ar', 'actor', name);
      assert.match(ar, ARABIC, name);
      assert.doesNotMatch(ar, LATIN, name);
      assert.equal(label('ar', 'actor_umbrella', name), ar, name);
      assert.equal(label('en', 'actor', name), name);
    }
  });

  it('names Hayat Tahrir al-Sham in Arabic, and prefers the lexicon where both name an actor', () => {
    assert.equal(label('ar', 'actor', 'Hayat Tahrir al-Sham'), 'هيئة تحرير الشام');
    assert.equal(label('ar', 'actor', "Kata'ib Hezbollah"), 'كتائب حزب الله');
    for (const name of Object.keys((labelsAr as { ar: Record<string, string> }).ar))
      assert.ok(!lexActors.some((a) => a.name === name), `${name} is in the lexicon: label it there`);
  });

  it('shows an actor with no label as it is', () => {
    assert.equal(label('ar', 'actor', 'Some New Group'), 'Some New Group');
  });
});
