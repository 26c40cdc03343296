/** URL state ↔ filters: the page's query string is the API's, and survives a round trip. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  activeFilterCount,
  clearFilters,
  clickColumn,
  EMPTY_STATE,
  exportHref,
  filterQuery,
  incidentIdOf,
  incidentPath,
  incidentsQuery,
  parseState,
  setDates,
  timelineQuery,
  toggleValue,
  toSearch,
} from './url-state.js';

describe('URL state', () => {
  it('reads the API filter parameters, repeated or comma-separated', () => {
    const s = parseState(
      '?type=Air%2Fdrone+strike&actor=Islamic+Resistance+in+Iraq,Turkey&country=IQ&country=SY&from=2024-01&to=2024-02-15&min_sources=2&sort=-sources&q=%D8%B9%D9%8A%D9%86',
    );
    assert.deepEqual(s.type, ['Air/drone strike']);
    assert.deepEqual(s.actor, ['Islamic Resistance in Iraq', 'Turkey']);
    assert.deepEqual(s.country, ['IQ', 'SY']);
    assert.equal(s.from, '2024-01');
    assert.equal(s.to, '2024-02-15');
    assert.equal(s.min_sources, 2);
    assert.equal(s.sort, '-sources');
    assert.equal(s.q, 'عين');
  });

  it('drops what is malformed instead of failing', () => {
    const s = parseState('from=yesterday&min_sources=-1&sort=random&bbox=1,2,x,4&_order=nonsense&type=');
    assert.deepEqual(s, EMPTY_STATE);
  });

  it('round-trips: state → query → state, in a fixed order without defaults', () => {
    const s = {
      ...EMPTY_STATE,
      from: '2024-01-01',
      to: '2024-03-31',
      actor: ["Kata'ib Hezbollah"],
      admin1: ['Anbar', 'Erbil'],
      weapon: ['drone'],
      target: ['us_forces'],
      bbox: [38.5, 29.1, 48.25, 37.5] as [number, number, number, number],
      q: 'عين الأسد',
      min_sources: 3,
      sort: 'date' as const,
      order: '-place',
    };
    const q = toSearch(s);
    assert.deepEqual(parseState(q), s);
    assert.equal(toSearch(parseState(q)), q);
    assert.equal(toSearch(EMPTY_STATE), '');
    assert.match(
      q,
      /^\?from=2024-01-01&to=2024-03-31&weapon=drone&actor=Kata%27ib\+Hezbollah&admin1=Anbar&admin1=Erbil/,
    );
  });

  it('builds the API queries: the list with facets, the timeline without the dates', () => {
    const s = {
      ...parseState('?actor=Turkey&from=2024-01-01&to=2024-01-31&_order=place'),
      sort: '-sources' as const,
    };
    const list = new URLSearchParams(incidentsQuery(s, 200));
    assert.equal(list.get('actor'), 'Turkey');
    assert.equal(list.get('from'), '2024-01-01');
    assert.equal(list.get('sort'), '-sources');
    assert.equal(list.get('limit'), '200');
    assert.equal(list.get('_facets'), '1');
    assert.equal(list.get('_order'), null, 'page-only parameters stay on the page');
    assert.equal(new URLSearchParams(incidentsQuery(s)).get('limit'), '100', 'a page of the table');
    const tl = new URLSearchParams(timelineQuery(s));
    assert.equal(tl.get('actor'), 'Turkey');
    assert.equal(tl.get('from'), null);
    assert.equal(tl.get('to'), null);
    assert.equal(list.get('_count'), '1', 'the header total');
    // the map and the exports: the filters with the dates; the exports stream every row
    assert.equal(filterQuery(s), 'from=2024-01-01&to=2024-01-31&actor=Turkey');
    assert.equal(
      exportHref(s, 'csv'),
      '/api/incidents.csv?from=2024-01-01&to=2024-01-31&actor=Turkey&sort=-sources&_stream=1',
    );
  });

  it('toggles facet values, swaps inverted dates, counts and clears filters', () => {
    let s = toggleValue(EMPTY_STATE, 'type', 'Attack');
    s = toggleValue(s, 'type', 'Grenade');
    assert.deepEqual(s.type, ['Attack', 'Grenade']);
    s = toggleValue(s, 'type', 'Attack');
    assert.deepEqual(s.type, ['Grenade']);
    s = setDates(s, '2024-02-01', '2024-01-01');
    assert.equal(s.from, '2024-01-01');
    assert.equal(s.to, '2024-02-01');
    assert.equal(activeFilterCount(s), 3);
    const cleared = clearFilters({ ...s, sort: 'date' });
    assert.equal(activeFilterCount(cleared), 0);
    assert.equal(cleared.sort, 'date');
  });

  it('sorts date and sources on the server, other columns on the page; a second click reverses', () => {
    let s = clickColumn(EMPTY_STATE, 'date');
    assert.equal(s.sort, 'date');
    s = clickColumn(s, 'date');
    assert.equal(s.sort, '-date');
    s = clickColumn(s, 'sources');
    assert.equal(s.sort, '-sources');
    s = clickColumn(s, 'place');
    assert.equal(s.order, 'place');
    s = clickColumn(s, 'place');
    assert.equal(s.order, '-place');
    s = clickColumn(s, 'sources');
    assert.equal(s.order, null);
    assert.equal(s.sort, '-sources');
  });

  it('incident paths carry the filters and read back their id', () => {
    const p = incidentPath('2024-01-28-tower-22-d4da472586', parseState('?actor=Turkey'));
    assert.equal(p, '/incident/2024-01-28-tower-22-d4da472586?actor=Turkey');
    assert.equal(incidentIdOf('/incident/2024-01-28-tower-22-d4da472586'), '2024-01-28-tower-22-d4da472586');
    assert.equal(incidentIdOf('/incident/a%2Fb'), 'a/b');
    assert.equal(incidentIdOf('/incident/%E0%A4%A'), null);
    assert.equal(incidentIdOf('/'), null);
  });
});
