/** inactivity-nudge: see digests.service.ts (keyed per person and period: re-runs send nothing twice). */
import { defineJob } from '../../jobs/job-spec.js';
import { runInactivityNudges } from './digests.service.js';

export const inactivityNudgeJob = defineJob<Record<string, never>>({
  name: 'inactivity-nudge',
  handler: async () => {
    await runInactivityNudges();
  },
  concurrency: 1,
});
