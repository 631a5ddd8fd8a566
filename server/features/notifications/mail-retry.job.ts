/** mail-retry: every few minutes, retries stored mail whose delivery failed (any sender). */
import { defineJob } from '../../jobs/job-spec.js';
import { retryFailedMail } from '../mail/mail.service.js';

export const mailRetryJob = defineJob<Record<string, never>>({
  name: 'mail-retry',
  handler: async () => {
    await retryFailedMail();
  },
  maxRetries: 0,
  concurrency: 1,
});
