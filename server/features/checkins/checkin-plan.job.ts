/** checkin-plan: creates the check-ins every active cadence has within the planning horizon. */
import { defineJob } from '../../jobs/job-spec.js';
import { planAllCadences } from './checkin-planning.service.js';

export const checkinPlanJob = defineJob<Record<string, never>>({
  name: 'checkin-plan',
  handler: async () => {
    await planAllCadences();
  },
  concurrency: 1,
});
