/**
 * A fixture store for the export tests: articles, mentions and incidents written straight
 * through the store's SQL (no extraction), so the incidents are exactly these whatever the
 * extraction rules become. Seven incidents chosen to exercise every ACLED column: day, month
 * and year dates; a base, a province, a district, a district town and a place outside the
 * gazetteer; militias, state forces in two government terms, Islamic State in three
 * countries; civilians, a convoy and no target; national, international, subnational and
 * unknown outlets; a review and a disagreement.
 */

import { sql } from '../../db/sql.js';
import type { Store } from '../../store/store.js';

interface FixtureIncident {
  id: string;
  type: string;
  date: string | null;
  place: string;
  place_id: string;
  lat: number | null;
  lon: number | null;
  geo_precision: 1 | 2 | 3;
  country: string;
  admin1: string | null;
  actor: string | null;
  actor_umbrella: string | null;
  target: string | null;
  weapon: string | null;
  munitions: number | null;
  killed: number | null;
  injured: number | null;
  intercepted: boolean | null;
  conflicts: string[];
  review_status: string;
  /** the articles reporting it: outlet and URL */
  sources: { outlet: string | null; url: string | null; published: string }[];
}

export const FIXTURE_INCIDENTS: FixtureIncident[] = [
  {
    id: 'inc-iq-1',
    type: 'Shelling/artillery/missile attack',
    date: '2024-01-20',
    place: 'Ain al-Asad Air Base',
    place_id: 'base:ain-al-asad',
    lat: 33.786,
    lon: 42.441,
    geo_precision: 1,
    country: 'IQ',
    admin1: 'Anbar',
    actor: "Kata'ib Hezbollah",
    actor_umbrella: 'Islamic Resistance in Iraq',
    target: 'us_forces',
    weapon: 'rocket',
    munitions: 2,
    killed: 0,
    injured: 2,
    intercepted: false,
    conflicts: [],
    review_status: 'unreviewed',
    sources: [
      { outlet: 'Shafaq News', url: 'https://shafaq.com/ar/1', published: '2024-01-20' },
      { outlet: 'Reuters', url: 'https://www.reuters.com/world/1', published: '2024-01-21' },
    ],
  },
  {
    id: 'inc-iq-2',
    type: 'Air/drone strike',
    date: '2023-11',
    place: 'Kirkuk Governorate',
    place_id: 'wof:1108804831',
    lat: 35.47,
    lon: 44.39,
    geo_precision: 3,
    country: 'IQ',
    admin1: 'Kirkuk',
    actor: 'United States',
    actor_umbrella: null,
    target: 'militia',
    weapon: 'aircraft',
    munitions: null,
    killed: 3,
    injured: null,
    intercepted: null,
    conflicts: [],
    review_status: 'unreviewed',
    sources: [{ outlet: null, url: 'https://www.rudaw.net/arabic/2', published: '2023-12-02' }],
  },
  {
    id: 'inc-iq-3',
    type: 'Remote explosive/landmine/IED',
    date: '2019',
    place: 'Baiji',
    place_id: 'wof:421176057',
    lat: 34.93,
    lon: 43.492,
    geo_precision: 2,
    country: 'IQ',
    admin1: 'Salah al-Din',
    actor: null,
    actor_umbrella: null,
    target: 'logistics',
    weapon: 'ied',
    munitions: null,
    killed: null,
    injured: null,
    intercepted: null,
    conflicts: [],
    review_status: 'unreviewed',
    sources: [{ outlet: 'Unknown Weekly', url: null, published: '2019-06-01' }],
  },
  {
    id: 'inc-iq-4',
    type: 'Suicide bomb',
    date: '2017-03-15',
    place: 'Mosul District',
    place_id: 'wof:1108562633',
    lat: 36.341,
    lon: 43.127,
    geo_precision: 2,
    country: 'IQ',
    admin1: 'Nineveh',
    actor: 'Islamic State',
    actor_umbrella: null,
    target: 'iraqi_forces',
    weapon: null,
    munitions: null,
    killed: 5,
    injured: 7,
    intercepted: null,
    conflicts: [],
    review_status: 'unreviewed',
    sources: [{ outlet: 'Alsumaria', url: 'https://www.alsumaria.tv/news/4', published: '2017-03-15' }],
  },
  {
    id: 'inc-sy-1',
    type: 'Attack',
    date: '2024-12-10',
    place: 'Abu Kamal',
    place_id: 'city:abu-kamal',
    lat: 34.45,
    lon: 40.92,
    geo_precision: 1,
    country: 'SY',
    admin1: 'Deir ez-Zor',
    actor: 'Islamic State',
    actor_umbrella: null,
    target: 'civilians',
    weapon: 'small_arms',
    munitions: null,
    killed: 4,
    injured: 0,
    intercepted: null,
    conflicts: [],
    review_status: 'unreviewed',
    sources: [{ outlet: 'SANA', url: 'https://sana.sy/5', published: '2024-12-10' }],
  },
  {
    id: 'inc-jo-1',
    type: 'Disrupted weapons use',
    date: '2024-01-28',
    place: 'Tower 22',
    place_id: 'base:tower-22',
    lat: 33.32,
    lon: 38.69,
    geo_precision: 1,
    country: 'JO',
    admin1: 'Mafraq',
    actor: 'Islamic Resistance in Iraq',
    actor_umbrella: null,
    target: 'us_forces',
    weapon: 'drone',
    munitions: 1,
    killed: 3,
    injured: null,
    intercepted: true,
    conflicts: ['killed'],
    review_status: 'confirmed',
    sources: [
      { outlet: 'Al Jazeera', url: 'https://www.aljazeera.net/6', published: '2024-01-28' },
      { outlet: 'Roya News', url: 'https://royanews.tv/6', published: '2024-01-29' },
    ],
  },
  {
    id: 'inc-af-1',
    type: 'Armed clash',
    date: '2021-08-26',
    place: 'Jalalabad',
    place_id: 'custom:jalalabad',
    lat: 34.4342,
    lon: 70.4478,
    geo_precision: 2,
    country: 'AF',
    admin1: 'Nangarhar',
    actor: 'Islamic State',
    actor_umbrella: null,
    target: 'other',
    weapon: 'small_arms',
    munitions: null,
    killed: 0,
    injured: 0,
    intercepted: null,
    conflicts: [],
    review_status: 'unreviewed',
    sources: [{ outlet: 'BBC Arabic', url: 'https://www.bbc.com/arabic/7', published: '2021-08-26' }],
  },
];

const dayRange = (d: string | null): [string | null, string | null] => {
  if (!d) return [null, null];
  if (d.length === 10) return [d, d];
  if (d.length === 7) {
    const [y, m] = d.split('-').map(Number);
    return [`${d}-01`, `${d}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`];
  }
  return [`${d}-01-01`, `${d}-12-31`];
};

/** Writes the fixture incidents, their mentions and articles into an empty store. */
export async function writeFixtureIncidents(store: Store): Promise<void> {
  const articles: object[] = [];
  const mentions: object[] = [];
  for (const inc of FIXTURE_INCIDENTS)
    inc.sources.forEach((s, k) => {
      const id = `${inc.id}-a${k}`;
      articles.push({
        id,
        url: s.url,
        url_key: s.url,
        outlet: s.outlet,
        title: null,
        published: s.published,
        text: `نص تجريبي ${id}`,
        content_hash: id,
        simhash: null,
        duplicate_of: null,
        extractor_version: 'fixture',
      });
      const { sources: _, id: __, conflicts: ___, review_status: ____, ...fields } = inc;
      mentions.push({
        article_id: id,
        idx: 0,
        ...fields,
        evidence: `نص تجريبي ${id}`,
        spans: {},
        reviewed: false,
      });
    });
  await store.db.query(sql.insertArticles(articles));
  const inserted = await store.db.query<{ id: number; article_id: string }>(sql.insertMentions(mentions));
  await store.db.query(
    sql.upsertIncidents(
      FIXTURE_INCIDENTS.map(({ sources, ...inc }) => {
        const [lo, hi] = dayRange(inc.date);
        return {
          ...inc,
          date_lo: lo,
          date_hi: hi,
          sort_date: lo,
          source_count: sources.length,
          edits: null,
          evidence_norm: '',
          digest: inc.id,
          coreference: null,
        };
      }),
    ),
  );
  await store.db.query(
    sql.linkMentions(
      inserted.map((m) => ({ incident_id: m.article_id.replace(/-a\d+$/, ''), mention_id: m.id })),
    ),
  );
}
