/**
 * At start-up (every process, jobs or not): reminders follow assignment events, and the
 * learner's dashboard shows the next check-in.
 */
import { onFirstStart } from '../../lib/startup.js';
import { setDashboardSlots } from '../dashboard/dashboard.slots.js';
import { installReminderListeners } from '../reminders/reminders.listeners.js';
import { upcomingCheckins } from './checkins.service.js';

/** Installs the listeners and the dashboard panel (tests call it without main). */
export function plugSchedulingIn(): void {
  installReminderListeners();
  setDashboardSlots({
    nextCheckIn: async (userId) => {
      const [next] = await upcomingCheckins(userId, 1);
      return next
        ? { title: `Check-in with ${next.withName}`, href: next.href, at: next.startsAt }
        : null;
    },
  });
}

onFirstStart('scheduling: reminder listeners and the check-in panel', async () => {
  plugSchedulingIn();
});
