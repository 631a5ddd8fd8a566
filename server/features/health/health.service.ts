import type { Connection } from 'mongoose';

const PING_TIMEOUT_MS = 2000;

export interface HealthReport {
  status: 'ok' | 'error';
  db: 'ok' | 'down';
}

/** Pings the database (bounded by a short timeout) and reports whether the platform can serve. */
export async function checkHealth(connection: Connection): Promise<HealthReport> {
  // readyState 1 = connected; otherwise mongoose would buffer the ping until it reconnects.
  if (connection.readyState !== 1 || !connection.db) return { status: 'error', db: 'down' };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('ping timed out')), PING_TIMEOUT_MS);
  });
  try {
    await Promise.race([connection.db.admin().command({ ping: 1 }), timeout]);
    return { status: 'ok', db: 'ok' };
  } catch {
    return { status: 'error', db: 'down' };
  } finally {
    clearTimeout(timer);
  }
}
