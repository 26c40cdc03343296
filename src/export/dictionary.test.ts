/** docs/data-dictionary.md has a row for every column of every export, with the type the code writes. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ACLED_COLUMN_TYPES, ACLED_COLUMNS, RASD_COLUMNS } from './index.js';

const doc = readFileSync(new URL('../../docs/data-dictionary.md', import.meta.url), 'utf8');

/** The table rows of a section: column name(s) → the Parquet type cell. */
function rows(section: string): Map<string, string> {
  const start = doc.indexOf(`## ${section}`);
  assert.ok(start >= 0, section);
  const end = doc.indexOf('\n## ', start + 3);
  const out = new Map<string, string>();
  for (const line of doc.slice(start, end < 0 ? undefined : end).split('\n')) {
    const cells = line.split(' | ');
    if (!line.startsWith('| `') || cells.length < 3) continue;
    for (const name of cells[0].matchAll(/`([a-z_0-9]+)`/g)) out.set(name[1], cells[1].trim());
  }
  return out;
}

describe('data dictionary', () => {
  it('documents every ACLED column with its type', () => {
    const documented = rows('ACLED columns');
    for (const c of ACLED_COLUMNS)
      assert.ok(documented.get(c)?.startsWith(ACLED_COLUMN_TYPES[c]), `${c}: ${documented.get(c)}`);
  });

  it('documents every Rasd column with its type', () => {
    const documented = rows('Rasd columns');
    for (const c of RASD_COLUMNS) assert.equal(documented.get(c.name), c.type, c.name);
    assert.equal(documented.size, RASD_COLUMNS.length);
  });
});
