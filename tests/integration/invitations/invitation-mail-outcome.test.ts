/**
 * What the admin is told about an invitation's mail, with a real SMTP peer: sent; refused for now
 * (retried later); or taken by the peer before the connection dropped, so nobody knows whether
 * it arrived (never resent on its own: the Outbox offers "Send again").
 */
import { closeMailTransports } from '../../../server/features/mail/mail.transport.js';
import { useMailConfig } from '../../../server/features/mail/mail.config.js';
import { buildTestApp } from '../../helpers/app.js';
import type { CsrfAgent } from '../../helpers/csrf.js';
import { clearDatabase, connectTestDatabase, disconnect } from '../../helpers/db.js';
import { createUser } from '../../helpers/factories/users.js';
import { loginAs } from '../../helpers/login.js';
import { startSmtpPeer, type SmtpPeer } from '../../helpers/smtp.js';

const { app, config } = buildTestApp();
let peer: SmtpPeer;
let admin: CsrfAgent;

beforeAll(async () => {
  peer = await startSmtpPeer();
  useMailConfig({ ...config, smtpUrl: peer.url });
  await connectTestDatabase();
});
beforeEach(async () => {
  peer.reset();
  await clearDatabase();
  admin = await loginAs(app, await createUser({ roles: ['admin'] }));
});
afterAll(async () => {
  useMailConfig(undefined);
  closeMailTransports();
  await peer.close();
  await disconnect();
});

async function inviteAndRead(email: string): Promise<string> {
  const res = await admin.postForm('/admin/invitations', {
    name: 'Mira Kovač',
    email,
    role: 'innovator',
    country: 'RS',
  });
  expect(res.status).toBe(303);
  return (await admin.get(res.headers.location!).expect(200)).text;
}

it('says sent, will be retried, or may not have arrived, as the peer answered', async () => {
  expect(await inviteAndRead('sent@example.org')).toContain('Invitation sent to sent@example.org.');

  peer.refuseWith = 451;
  expect(await inviteAndRead('later@example.org')).toContain(
    'could not be mailed yet; it will be retried.',
  );

  peer.refuseWith = null;
  peer.dropAfterData = true;
  const page = await inviteAndRead('unknown@example.org');
  expect(page).toContain('may not have arrived. It is not resent on its own');
  expect(page).not.toContain('will be retried');
  expect(peer.received.map((m) => m.subject)).toHaveLength(2); // sent@ and unknown@ (taken, then dropped)
});
