/**
 * Stage 3 of reading an article: records. Each event of the discourse stage becomes one
 * record of ../shared/eval/SCHEMA.md, with the original-text span of every field.
 */
import type { Doc } from '../doc/doc.js';
import { geoPrecision } from '../places/places.js';
import type { EventRecord, EventType } from '../record/record.js';
import type { ArticleEvent } from './discourse.js';

/** ACLED sub-event type from what the text says. */
export function eventType(
  f: Pick<ArticleEvent, 'kind' | 'weapon' | 'intercepted' | 'target' | 'actor'> & {
    trigger: { phrase: string };
  },
): EventType {
  if (f.intercepted === true) return 'Disrupted weapons use';
  if (f.kind === 'suicide') return 'Suicide bomb';
  if (f.kind === 'grenade') return 'Grenade';
  switch (f.weapon) {
    case 'aircraft':
    case 'drone':
      return 'Air/drone strike';
    case 'rocket':
    case 'missile':
    case 'mortar':
    case 'artillery':
      return 'Shelling/artillery/missile attack';
    case 'ied':
      return 'Remote explosive/landmine/IED';
    case 'small_arms':
      return 'Armed clash';
    default:
      break;
  }
  if (f.kind === 'airstrike') return 'Air/drone strike';
  // "نفذت القوات الأمريكية ضربتين": a state's or the coalition's strikes with no weapon named
  if (
    f.actor &&
    (f.actor.actor.kind === 'state' || f.actor.actor.kind === 'coalition') &&
    /^ضرب/u.test(f.trigger.phrase)
  )
    return 'Air/drone strike';
  if (f.kind === 'clash') return 'Armed clash';
  if (f.target === 'logistics') return 'Remote explosive/landmine/IED';
  if (f.actor?.actor.kind === 'insurgent') return 'Armed clash';
  return 'Shelling/artillery/missile attack';
}

/**
 * The dark part of day the date mention at normalized span `at` names (evening, night, dawn:
 * مساء، ليل، الليلة الماضية، فجر), when reports of one event may fall on two calendar days.
 */
export function darkPartOfDay(doc: Doc, at: [number, number] | undefined): EventRecord['part_of_day'] {
  if (!at) return undefined;
  const s = doc.sentences.find((x) => x.start <= at[0] && at[0] < x.end);
  const p = s && doc.datesIn(s).find((x) => x.start === at[0] && x.end === at[1])?.partOfDay;
  return p === 'evening' || p === 'night' || p === 'dawn' ? p : undefined;
}

/** One event → its record, every span mapped back to the original text. */
export function toRecord(doc: Doc, e: ArticleEvent): EventRecord {
  const place = e.place.place;
  const { killed, injured } = e.casualties;
  const partOfDay = darkPartOfDay(doc, e.dateSpan);
  const trigger = e.primary.trigger;
  const spans: EventRecord['spans'] = {
    evidence: doc.span(e.evidence[0], e.evidence[1]),
    trigger: doc.span(trigger.start, trigger.end),
    place: doc.span(e.place.start, e.place.end),
  };
  if (e.dateSpan) spans.date = doc.span(e.dateSpan[0], e.dateSpan[1]);
  if (e.actor) spans.actor = doc.span(e.actor.start, e.actor.end);
  if (e.weaponSpan) spans.weapon = doc.span(e.weaponSpan[0], e.weaponSpan[1]);
  if (e.munitionsSpan && e.munitions !== null)
    spans.munitions = doc.span(e.munitionsSpan[0], e.munitionsSpan[1]);
  if (killed && killed.value !== null && killed.start >= 0) spans.killed = doc.span(killed.start, killed.end);
  if (injured && injured.value !== null && injured.start >= 0)
    spans.injured = doc.span(injured.start, injured.end);
  return {
    type: eventType({ ...e, trigger }),
    date: e.date,
    place: place.name,
    lat: place.lat,
    lon: place.lon,
    geo_precision: geoPrecision(place, e.place.near),
    country: place.country,
    admin1: place.admin1,
    actor: e.actor?.actor.name ?? null,
    // a target the text states wins; else the forces the site hosts, with the gazetteer row as reason
    target: e.target ?? e.impliedTarget?.value ?? null,
    weapon: e.weapon,
    munitions: e.munitions,
    killed: killed?.value ?? null,
    injured: injured?.value ?? null,
    intercepted: e.intercepted,
    evidence: doc.text.slice(spans.evidence[0], spans.evidence[1]),
    place_id: place.id,
    actor_umbrella: e.actor?.actor.umbrella ?? null,
    ...(partOfDay ? { part_of_day: partOfDay } : {}),
    spans,
    ...(e.target === null && e.impliedTarget ? { implied: { target: e.impliedTarget.by } } : {}),
  };
}
