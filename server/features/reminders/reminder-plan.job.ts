/**
 * reminder-plan: a few times a day, (re)plans every innovator's deadline reminders, so people
 * who joined a cohort, or assignments published since, get theirs. Events keep them current
 * in between (reminders.listeners.ts).
 */
import { defineJob } from '../../jobs/job-spec.js';
import { planAllReminders } from './reminders.service.js';

export const reminderPlanJob = defineJob<Record<string, never>>({
  name: 'reminder-plan',
  handler: async () => {
    await planAllReminders();
  },
  concurrency: 1,
});
