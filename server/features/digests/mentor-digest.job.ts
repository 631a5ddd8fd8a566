/** mentor-digest: see digests.service.ts (keyed per person and period: re-runs send nothing twice). */
import { defineJob } from '../../jobs/job-spec.js';
import { runMentorDigests } from './digests.service.js';

export const mentorDigestJob = defineJob<Record<string, never>>({
  name: 'mentor-digest',
  handler: async () => {
    await runMentorDigests();
  },
  concurrency: 1,
});
