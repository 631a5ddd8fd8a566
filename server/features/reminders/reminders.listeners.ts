/**
 * Keeps reminders in step with assignments: due-date changes and extensions replan them, a
 * submission cancels them, a released grade notifies the innovator. Installed once per process
 * (scheduling.startup.ts; tests call installSchedulingListeners()).
 */
import { onAssignmentEvent, type AssignmentEvent } from '../assignments/assignments.api.js';
import { findAssignment } from '../curriculum/curriculum.service.js';
import { notify } from '../notifications/notifications.service.js';
import { cancelReminders, planReminders, replanCohort } from './reminders.service.js';

async function onEvent(event: AssignmentEvent): Promise<void> {
  switch (event.type) {
    case 'due-date-changed':
      return replanCohort(event.cohortId, event.assignmentId);
    case 'extension-granted':
      await planReminders(event.innovatorId, event.assignmentId);
      return;
    case 'submitted':
      await cancelReminders(event.innovatorId, event.assignmentId);
      return;
    case 'grade-released': {
      const record = await findAssignment(event.assignmentId);
      const title = record?.assignment.title ?? event.assignmentId;
      const accepted = event.decision === 'accept';
      await notify({
        userId: event.innovatorId,
        kind: accepted ? 'feedback-released' : 'returned',
        key: `grade:${event.submissionId}:${event.decision}`,
        title: accepted ? `Feedback on “${title}”` : `“${title}” was returned for revision`,
        body: accepted
          ? `Your mentor has released feedback on “${title}”.`
          : `Your mentor returned “${title}” with feedback: revise it and submit again.`,
        url: `/assignments/${encodeURIComponent(event.assignmentId)}`,
      });
      return;
    }
  }
}

let removeListener: (() => void) | undefined;

/** Subscribes to assignment events (idempotent). */
export function installReminderListeners(): void {
  removeListener ??= onAssignmentEvent(onEvent);
}

/** Unsubscribes (tests). */
export function removeReminderListeners(): void {
  removeListener?.();
  removeListener = undefined;
}
