/**
 * The body of the engine's own thread (see thread.ts): starts the engine with the options the
 * host passed, forwards log lines to the host, and stops cleanly when asked.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startEmbeddedMongo, type EmbeddedMongoOptions } from './index.js';
import type { HostMessage, ThreadMessage } from './thread.js';

const port = parentPort!;
const post = (msg: ThreadMessage) => port.postMessage(msg);
const log = (level: 'info' | 'warn' | 'error') => (msg: string) =>
  post({ type: 'log', level, msg });

try {
  const engine = await startEmbeddedMongo({
    ...(workerData as Omit<EmbeddedMongoOptions, 'logger'>),
    logger: { info: log('info'), warn: log('warn'), error: log('error') },
  });
  port.on('message', (msg: HostMessage) => {
    if (msg.type !== 'stop') return;
    engine.stop().then(
      () => {
        post({ type: 'stopped' });
        port.close();
      },
      (err: unknown) => {
        post({ type: 'stopped', error: String(err) });
        port.close();
      },
    );
  });
  post({
    type: 'ready',
    uri: engine.uri,
    localUri: engine.localUri,
    port: engine.port,
    owned: engine.owned,
  });
} catch (err) {
  post({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
  port.close();
}
