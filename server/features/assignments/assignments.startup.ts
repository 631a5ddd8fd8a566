/**
 * At start-up, plug assignments into the features that were built before it: the learner's
 * dashboard panels (deadlines, feedback) and the programme-completion rule (final project
 * accepted). Both are setters those features expose for exactly this; nothing is written.
 */
import { onFirstStart } from '../../lib/startup.js';
import { setDashboardSlots } from '../dashboard/dashboard.slots.js';
import { setFinalProjectCheck } from '../progress/completion-rules.js';
import { finalProjectAcceptedAt, latestFeedback, upcomingDeadlines } from './assignments.api.js';

/** Installs the providers (also callable from tests that build the app without main). */
export function plugAssignmentsIn(): void {
  setDashboardSlots({
    upcomingDeadlines: (userId) => upcomingDeadlines(userId),
    latestFeedback: (userId) => latestFeedback(userId),
  });
  setFinalProjectCheck((userId, programmeSlug) => finalProjectAcceptedAt(userId, programmeSlug));
}

onFirstStart('assignments: dashboard panels and the final-project rule', async () => {
  plugAssignmentsIn();
});
