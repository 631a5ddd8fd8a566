/** ambassador-summary: see digests.service.ts (keyed per person and period: re-runs send nothing twice). */
import { defineJob } from '../../jobs/job-spec.js';
import { runAmbassadorSummaries } from './digests.service.js';

export const ambassadorSummaryJob = defineJob<Record<string, never>>({
  name: 'ambassador-summary',
  handler: async () => {
    await runAmbassadorSummaries();
  },
  concurrency: 1,
});
