/**
 * What a feature's `*.job.ts` exports: a name, a handler that reads the job's data and calls a
 * service, and how it retries. Handlers must be idempotent: use the ledger (ledger.ts) before
 * anything with an outside effect.
 */
import type { Job } from 'agenda';

export interface JobSpec<D = Record<string, unknown>> {
  name: string;
  handler: (data: D, job: Job<D>) => Promise<void>;
  /** Retries with exponential backoff (default 5: about 30 s, 1, 2, 4, 8 min). */
  maxRetries?: number;
  /** First retry delay in ms (default 30 s). */
  retryDelay?: number;
  concurrency?: number;
  /** Lock lifetime in ms; a job still locked after it is taken over by another process. */
  lockLifetime?: number;
}

/** Declares a job (only typing: the registry in registry.ts installs it). */
export function defineJob<D>(spec: JobSpec<D>): JobSpec<D> {
  return spec;
}
