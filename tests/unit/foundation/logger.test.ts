import { Writable } from 'node:stream';
import { createLogger } from '../../../server/lib/logger.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { lines, log: createLogger(stream, 'info') };
}

describe('logger', () => {
  it('redacts passwords, tokens, cookies and authorization headers wherever they appear', () => {
    const { lines, log } = capture();
    log.info(
      {
        password: 'hunter2hunter2',
        body: { email: 'ana@example.org', newPassword: 'correct horse battery', _csrf: 'tok-1' },
        invite: { token: 'abc123secret' },
        req: {
          headers: { cookie: 'atelier.sid=s%3Asecret', authorization: 'Bearer xyz', host: 'x' },
        },
      },
      'sign-in attempt',
    );
    const out = lines.join('');
    for (const secret of [
      'hunter2hunter2',
      'correct horse battery',
      'tok-1',
      'abc123secret',
      's%3Asecret',
      'Bearer xyz',
    ]) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('ana@example.org');
    expect(out).toContain('[redacted]');
    expect(JSON.parse(out).msg).toBe('sign-in attempt');
  });
});
