/**
 * What happened to assignments, for features that react without this one knowing them
 * (scheduling reschedules reminders, notifications tell people). Listeners are registered at
 * start-up; a failing listener is logged and never undoes or blocks the change that caused it.
 */
import { logger } from '../../lib/logger.js';

export type AssignmentEvent =
  | { type: 'due-date-changed'; cohortId: string; assignmentId: string; dueAt: Date | null }
  | { type: 'extension-granted'; innovatorId: string; assignmentId: string; dueAt: Date }
  | {
      type: 'submitted';
      innovatorId: string;
      assignmentId: string;
      submissionId: string;
      version: number;
      lateMs: number;
    }
  | {
      type: 'grade-released';
      innovatorId: string;
      assignmentId: string;
      submissionId: string;
      mentorId: string;
      decision: 'accept' | 'return';
    };

export type AssignmentListener = (event: AssignmentEvent) => void | Promise<void>;

const listeners = new Set<AssignmentListener>();

/** Registers a listener; returns a function that removes it. */
export function onAssignmentEvent(listener: AssignmentListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Calls every listener in turn; failures are logged, not thrown. */
export async function emitAssignmentEvent(event: AssignmentEvent): Promise<void> {
  for (const listener of listeners) {
    try {
      await listener(event);
    } catch (err) {
      logger.error({ err, event: event.type }, 'assignment event listener failed');
    }
  }
}
