/**
 * Hooks for test files whose app sends mail (sign-in, password resets, invitations, the outbox):
 * mail goes by `config`'s settings, each test starts with an empty database and fresh rate
 * limits, and the file cleans up after itself. Call once at the top of the file.
 */
import type { Config } from '../../server/config/env.js';
import { resetRateLimits } from '../../server/features/auth/rate-limits.js';
import { useMailConfig } from '../../server/features/mail/mail.config.js';
import { clearDatabase, connectTestDatabase, disconnect } from './db.js';

export function useMailingApp(config: Config, each: () => Promise<void> = async () => {}): void {
  beforeAll(async () => {
    useMailConfig(config);
    await connectTestDatabase();
  });
  beforeEach(async () => {
    await clearDatabase();
    await resetRateLimits();
    await each();
  });
  afterAll(async () => {
    useMailConfig(undefined);
    await disconnect();
  });
}
