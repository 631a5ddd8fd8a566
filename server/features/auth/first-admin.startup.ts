/** First start: make sure one administrator exists (see first-admin.service.ts). */
import { onFirstStart } from '../../lib/startup.js';
import { ensureFirstAdmin } from './first-admin.service.js';

onFirstStart('create the first admin', async ({ config, logger }) => {
  const result = await ensureFirstAdmin(config);
  if (!result.created) return;
  logger.info({ email: result.email }, 'first admin account created');
  if (result.oneTimePassword) {
    // Printed once to the console - deliberately not through the JSON log, which may be shipped
    // and kept elsewhere. The password must be changed at first sign-in.
    process.stdout.write(
      [
        '',
        '============================================================',
        ' Atelier: the first administrator account was created.',
        `   email:    ${result.email}`,
        `   password: ${result.oneTimePassword}   (one-time)`,
        ' Sign in at /login; you will be asked to choose a new password.',
        ' This password is shown only once.',
        '============================================================',
        '',
      ].join('\n'),
    );
  }
});
