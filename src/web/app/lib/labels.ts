/**
 * Display names of data values in the page's language: event types, weapons, targets and
 * countries from the i18n table; actors in Arabic from the lexicon (data/lexicon/actors.json,
 * the first Arabic name of each) and, for actors it does not hold, data/labels/actors-ar.json;
 * provinces in Arabic from the governorate outlines (whose names come from the gazetteer). A value with no label is shown as it is.
 */
import actorsAr from '../../../../data/labels/actors-ar.json';
import actors from '../../../../data/lexicon/actors.json';
import governorates from '../data/governorates.json';
import { type Lang, VALUE_LABELS } from './i18n.js';

const ACTOR_AR = new Map<string, string>([
  ...Object.entries((actorsAr as { ar: Record<string, string> }).ar),
  ...(actors as { actors: { name: string; ar: string[] }[] }).actors
    .filter((a) => a.ar.length)
    .map((a): [string, string] => [a.name, a.ar[0]]),
]);

const ADMIN1_AR = new Map<string, string>(
  (governorates as { features: { properties: { admin1: string; name_ar: string } }[] }).features.map((f) => [
    f.properties.admin1,
    f.properties.name_ar,
  ]),
);

/** An incident's place in the page's language: the gazetteer's Arabic name in Arabic, when it has one. */
export function placeLabel(lang: Lang, inc: { place: string; place_ar?: string | null }): string {
  return lang === 'ar' && inc.place_ar ? inc.place_ar : inc.place;
}

/** A province in the page's language; `ar` is the API's Arabic name when it sent one. */
export function admin1Label(lang: Lang, admin1: string | null | undefined, ar?: string | null): string {
  if (!admin1) return '';
  if (lang === 'ar' && ar) return ar;
  return label(lang, 'admin1', admin1);
}

export function label(lang: Lang, field: string, value: string | null | undefined): string {
  if (value == null || value === '') return '';
  if (field === 'actor' || field === 'actor_umbrella')
    return lang === 'ar' ? (ACTOR_AR.get(value) ?? value) : value;
  if (field === 'admin1') return lang === 'ar' ? (ADMIN1_AR.get(value) ?? value) : value;
  return VALUE_LABELS[lang][field]?.[value] ?? value;
}
