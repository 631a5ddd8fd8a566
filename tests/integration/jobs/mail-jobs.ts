/**
 * Set-up shared by the tests that let the real Agenda run send-email against a real SMTP peer:
 *   const world = useMailJobs(config);   // registers the jest hooks
 *   await world.start();                 // an Agenda worker (stopped after each test)
 *   world.peer.received ...
 */
import mongoose from 'mongoose';
import type { Config } from '../../../server/config/env.js';
import { useMailConfig } from '../../../server/features/mail/mail.config.js';
import { closeMailTransports } from '../../../server/features/mail/mail.transport.js';
import { useSigningSecret } from '../../../server/features/notifications/preferences.service.js';
import { setAgenda } from '../../../server/jobs/agenda.js';
import { startJobs, type RunningJobs } from '../../../server/jobs/index.js';
import { logger } from '../../../server/lib/logger.js';
import { TEST_SESSION_SECRET } from '../../helpers/app.js';
import { clearDatabase, connectTestDatabase, disconnect } from '../../helpers/db.js';
import { startSmtpPeer, type SmtpPeer } from '../../helpers/smtp.js';

/** Short: Agenda's per-run liveness timer (lockLifetime/2) must not outlive the tests. */
export const LOCK_LIFETIME_MS = 2_000;

export interface MailJobs {
  /** The SMTP peer (reset before each test). */
  readonly peer: SmtpPeer;
  /** Starts an Agenda worker as main.ts does, polling every 200 ms; stopped after the test. */
  start(): Promise<RunningJobs>;
  /** Stops one worker now (as a process restart would). */
  stop(worker: RunningJobs): Promise<void>;
}

/** Registers the hooks: peer, database, mail config and signing secret; workers stopped after each test. */
export function useMailJobs(config: Config): MailJobs {
  let peer: SmtpPeer | undefined;
  const running: RunningJobs[] = [];

  beforeAll(async () => {
    peer = await startSmtpPeer();
    await connectTestDatabase();
    useSigningSecret(TEST_SESSION_SECRET);
  });
  beforeEach(async () => {
    peer!.reset();
    useMailConfig({ ...config, smtpUrl: peer!.url });
    await clearDatabase();
  });
  afterEach(async () => {
    for (const r of running.splice(0)) await r.stop();
    setAgenda(undefined);
  });
  afterAll(async () => {
    useMailConfig(undefined);
    useSigningSecret(undefined);
    closeMailTransports();
    await peer?.close();
    await disconnect();
  });

  return {
    get peer() {
      return peer!;
    },
    async start() {
      const worker = await startJobs({
        config: { ...config, shutdownTimeoutMs: 1_000 },
        logger,
        connection: mongoose.connection,
        processEvery: 200,
        lockLifetime: LOCK_LIFETIME_MS,
      });
      running.push(worker);
      return worker;
    },
    async stop(worker) {
      running.splice(running.indexOf(worker), 1);
      await worker.stop().catch(() => undefined);
    },
  };
}
