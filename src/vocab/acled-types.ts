/**
 * ACLED's event types and how Rasd's record types (ACLED sub-event types) fall into them.
 * Pure, no data files: the store's filter, the API and the export share it.
 *
 * Attack is ACLED's only under Violence against civilians: an Attack on a civilian or
 * diplomatic target is one; any other Attack is exported as Battles / Armed clash.
 */
import { EVENT_TYPES, type EventType, type Target } from '../record/record.js';

export const ACLED_EVENT_TYPES = [
  'Battles',
  'Explosions/Remote violence',
  'Violence against civilians',
  'Strategic developments',
] as const;
export type AcledEventType = (typeof ACLED_EVENT_TYPES)[number];

/** Targets that make an Attack Violence against civilians (and actor2 civilians). */
export const CIVILIAN_TARGETS: readonly Target[] = ['civilians', 'diplomatic'];

const EXPLOSIONS: readonly EventType[] = [
  'Shelling/artillery/missile attack',
  'Air/drone strike',
  'Remote explosive/landmine/IED',
  'Suicide bomb',
  'Grenade',
];

/** ACLED disorder_type, event_type and sub_event_type of a record type and target. */
export function acledEventType(
  type: EventType,
  target: Target | null,
): { disorder_type: string; event_type: AcledEventType; sub_event_type: string } {
  if (type === 'Attack') {
    return target && CIVILIAN_TARGETS.includes(target)
      ? {
          disorder_type: 'Political violence',
          event_type: 'Violence against civilians',
          sub_event_type: 'Attack',
        }
      : { disorder_type: 'Political violence', event_type: 'Battles', sub_event_type: 'Armed clash' };
  }
  if (EXPLOSIONS.includes(type))
    return {
      disorder_type: 'Political violence',
      event_type: 'Explosions/Remote violence',
      sub_event_type: type,
    };
  if (type === 'Armed clash')
    return { disorder_type: 'Political violence', event_type: 'Battles', sub_event_type: type };
  if (type === 'Disrupted weapons use')
    return {
      disorder_type: 'Strategic developments',
      event_type: 'Strategic developments',
      sub_event_type: type,
    };
  throw new Error(`unknown event type: ${type}`);
}

/**
 * What rows of an ACLED event type are in Rasd's terms: record types, and for Attack whether
 * the target is civilian (true), not civilian or none (false), or either (undefined).
 */
export function acledEventTypeMembers(t: AcledEventType): {
  types: EventType[];
  attack?: 'civilian' | 'other';
} {
  switch (t) {
    case 'Explosions/Remote violence':
      return { types: [...EXPLOSIONS] };
    case 'Battles':
      return { types: ['Armed clash'], attack: 'other' };
    case 'Violence against civilians':
      return { types: [], attack: 'civilian' };
    case 'Strategic developments':
      return { types: ['Disrupted weapons use'] };
  }
}

/** A type filter value: Rasd's record type (ACLED sub-event type) or an ACLED event type, any case. */
export function typeValue(written: string): EventType | AcledEventType | null {
  const k = written.trim().toLowerCase();
  return (
    EVENT_TYPES.find((t) => t.toLowerCase() === k) ??
    ACLED_EVENT_TYPES.find((t) => t.toLowerCase() === k) ??
    null
  );
}
