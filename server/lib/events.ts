/**
 * An in-process event bus for features that react to each other without importing each other:
 *   on('checkin.created', (e) => ...);   await emit('checkin.created', { ... });
 * Listeners run in turn; a failing listener is logged and never undoes or blocks the change that
 * caused it. (Assignments keep their own bus in assignments/assignment-events.ts, which the
 * scheduling listeners subscribe to directly.)
 */
import { logger } from './logger.js';

export interface AppEvents {
  'checkin.created': { checkinId: string; mentorId: string; innovatorId: string; startsAt: Date };
  'checkin.documented': { checkinId: string; mentorId: string; innovatorId: string };
  'invitation.created': { email: string; role: string };
  'user.deactivated': { userId: string };
}

export type AppEventName = keyof AppEvents;
type Listener<K extends AppEventName> = (payload: AppEvents[K]) => void | Promise<void>;

const listeners = new Map<AppEventName, Set<Listener<AppEventName>>>();

/** Registers a listener; returns a function that removes it. */
export function on<K extends AppEventName>(name: K, listener: Listener<K>): () => void {
  const set = listeners.get(name) ?? new Set();
  set.add(listener as Listener<AppEventName>);
  listeners.set(name, set);
  return () => set.delete(listener as Listener<AppEventName>);
}

/** Calls every listener of `name` in turn; failures are logged, not thrown. */
export async function emit<K extends AppEventName>(name: K, payload: AppEvents[K]): Promise<void> {
  for (const listener of listeners.get(name) ?? []) {
    try {
      await listener(payload);
    } catch (err) {
      logger.error({ err, event: name }, 'event listener failed');
    }
  }
}
