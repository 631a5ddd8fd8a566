import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Router, type Express } from 'express';
import request from 'supertest';
import { sendStoredFile, uploadFiles } from '../../../server/features/uploads/index.js';
import { buildTestApp } from '../../helpers/app.js';
import { csrfAgent, type CsrfAgent } from '../../helpers/csrf.js';
import { connectTestDatabase, disconnect } from '../../helpers/db.js';

// A real 1x1 PNG, a minimal PDF, a Windows executable header, and UTF-8 text.
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
const CSV = Buffer.from('name,country\nJasmina,Srbija\nŠtefan,Slovenija\n', 'utf8');

function testRoutes(app: Express): void {
  const router = Router();
  router.post(
    '/test/upload',
    uploadFiles({ field: 'files', maxFiles: 2, maxBytes: 50 * 1024, kinds: ['image', 'pdf'] }),
    (req, res) => {
      res.json(req.uploads);
    },
  );
  router.post(
    '/test/upload-text',
    uploadFiles({ field: 'files', maxFiles: 1, maxBytes: 50 * 1024, kinds: ['text'] }),
    (req, res) => {
      res.json(req.uploads);
    },
  );
  router.post('/test/no-files', (_req, res) => {
    res.type('text').send('done');
  });
  router.get('/test/files/:name', async (req, res) => {
    await sendStoredFile(
      res,
      {
        storedName: String(req.params.name),
        originalName: 'Izveštaj "final".pdf',
        mime: 'application/pdf',
      },
      { inline: req.query.inline === '1' },
    );
  });
  app.use(router);
}

const { app, config } = buildTestApp({}, { extraRoutes: testRoutes });
let agent: CsrfAgent;

function filesOnDisk(): string[] {
  return readdirSync(config.uploadsDir).sort();
}

beforeAll(async () => {
  await connectTestDatabase();
  agent = await csrfAgent(app);
});
afterAll(disconnect);

describe('uploadFiles', () => {
  it('stores accepted files under random names with the type detected from the bytes', async () => {
    const res = await agent
      .postMultipart('/test/upload')
      .attach('files', PNG, { filename: 'photo of me.png', contentType: 'image/png' })
      .attach('files', PDF, { filename: 'plan.PDF', contentType: 'application/octet-stream' });
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(2);
    const [png, pdf] = res.body;
    expect(png).toMatchObject({
      originalName: 'photo of me.png',
      mime: 'image/png',
      size: PNG.length,
    });
    expect(png.storedName).toMatch(/^[0-9a-f-]{36}\.png$/);
    expect(pdf).toMatchObject({ originalName: 'plan.PDF', mime: 'application/pdf' });
    expect(pdf.storedName).toMatch(/^[0-9a-f-]{36}\.pdf$/);
    expect(png.sha256).toBe(createHash('sha256').update(PNG).digest('hex'));
    expect(readFileSync(path.join(config.uploadsDir, png.storedName))).toEqual(PNG);
    expect(filesOnDisk()).toEqual(expect.arrayContaining([png.storedName, pdf.storedName]));
  });

  it('refuses a file whose bytes are not an accepted type, whatever its name, and keeps nothing', async () => {
    const before = filesOnDisk();
    const res = await agent
      .postMultipart('/test/upload')
      .attach('files', PNG, { filename: 'fine.png' })
      .attach('files', EXE, { filename: 'report.pdf', contentType: 'application/pdf' });
    expect(res.status).toBe(415);
    expect(res.text).toContain('&#34;report.pdf&#34; is not an accepted type of file.');
    expect(res.text).toContain('images (JPEG, PNG, WebP, GIF), PDF');
    expect(filesOnDisk()).toEqual(before);
  });

  it('refuses a file over the size limit, naming the limit', async () => {
    const before = filesOnDisk();
    const big = Buffer.concat([PDF, Buffer.alloc(60 * 1024, 0x20)]);
    const res = await agent
      .postMultipart('/test/upload')
      .set('Accept', 'application/json')
      .attach('files', big, { filename: 'big.pdf' });
    expect(res.status).toBe(413);
    expect(res.body.error.message).toBe('Each file may be at most 50 KB.');
    expect(filesOnDisk()).toEqual(before);
  });

  it('refuses more files than allowed', async () => {
    const before = filesOnDisk();
    const res = await agent
      .postMultipart('/test/upload')
      .set('Accept', 'application/json')
      .attach('files', PNG, { filename: 'a.png' })
      .attach('files', PNG, { filename: 'b.png' })
      .attach('files', PNG, { filename: 'c.png' });
    expect(res.status).toBe(413);
    expect(res.body.error.message).toBe('You can send at most 2 files in "files".');
    expect(filesOnDisk()).toEqual(before);
  });

  it('accepts UTF-8 text as CSV and refuses binary posing as text', async () => {
    const ok = await agent
      .postMultipart('/test/upload-text')
      .attach('files', CSV, { filename: 'people.csv' });
    expect(ok.status).toBe(200);
    expect(ok.body[0]).toMatchObject({ mime: 'text/csv', originalName: 'people.csv' });
    expect(ok.body[0].storedName).toMatch(/\.csv$/);
    const nul = await agent
      .postMultipart('/test/upload-text')
      .set('Accept', 'application/json')
      .attach('files', Buffer.from('a,b\n\0\0\0'), { filename: 'sneaky.csv' });
    expect(nul.status).toBe(415);
    const png = await agent
      .postMultipart('/test/upload-text')
      .set('Accept', 'application/json')
      .attach('files', PNG, { filename: 'notes.txt' });
    expect(png.status).toBe(415);
  });

  it('checks the CSRF token of a multipart form before writing anything', async () => {
    const before = filesOnDisk();
    const none = await agent.post('/test/upload').attach('files', PNG, { filename: 'a.png' });
    expect(none.status).toBe(403);
    expect(none.text).toContain('This form has expired; reload and try again.');
    const wrong = await agent
      .post('/test/upload')
      .field('_csrf', 'forged-token')
      .attach('files', PNG, { filename: 'a.png' });
    expect(wrong.status).toBe(403);
    // The token must be the form's first field (forms put the hidden input first).
    const late = await agent
      .post('/test/upload')
      .attach('files', PNG, { filename: 'a.png' })
      .field('_csrf', agent.csrfToken);
    expect(late.status).toBe(403);
    expect(filesOnDisk()).toEqual(before);
  });

  it('accepts the token as the first field, in the query string or in the header', async () => {
    const field = await agent
      .post('/test/upload')
      .field('_csrf', agent.csrfToken)
      .attach('files', PNG, { filename: 'a.png' });
    expect(field.status).toBe(200);
    expect(filesOnDisk()).toContain(field.body[0].storedName);
    const query = await agent
      .post(`/test/upload?_csrf=${encodeURIComponent(agent.csrfToken)}`)
      .attach('files', PNG, { filename: 'b.png' });
    expect(query.status).toBe(200);
    const header = await agent
      .postMultipart('/test/upload')
      .attach('files', PNG, { filename: 'c.png' });
    expect(header.status).toBe(200);
  });

  it('passes the whole body on to multer after reading the token (a large file arrives intact)', async () => {
    const large = Buffer.concat([PDF, Buffer.alloc(45 * 1024, 0x41)]);
    const res = await agent
      .post('/test/upload')
      .field('_csrf', agent.csrfToken)
      .field('note', 'x'.repeat(20 * 1024))
      .attach('files', large, { filename: 'large.pdf' });
    expect(res.status).toBe(200);
    expect(res.body[0].size).toBe(large.length);
    expect(readFileSync(path.join(config.uploadsDir, res.body[0].storedName))).toEqual(large);
  });

  it('protects multipart posts to routes that do not take files too', async () => {
    const none = await agent.post('/test/no-files').field('confirm', 'yes');
    expect(none.status).toBe(403);
    const ok = await agent
      .post('/test/no-files')
      .field('_csrf', agent.csrfToken)
      .field('confirm', 'yes');
    expect(ok.status).toBe(200);
    expect(ok.text).toBe('done');
  });
});

describe('sendStoredFile', () => {
  let storedName: string;
  beforeAll(async () => {
    const res = await agent
      .postMultipart('/test/upload')
      .attach('files', PDF, { filename: 'x.pdf' });
    storedName = res.body[0].storedName;
  });

  it('sends the file as a download with a safe, UTF-8 file name', async () => {
    const res = await request(app).get(`/test/files/${storedName}`).buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="Izvestaj final.pdf"; filename*=UTF-8''Izve%C5%A1taj%20final.pdf`,
    );
    expect(Buffer.from(res.body as Buffer)).toEqual(PDF);
  });

  it('may show a PDF inline', async () => {
    const res = await request(app).get(`/test/files/${storedName}?inline=1`);
    expect(res.headers['content-disposition']).toMatch(/^inline; /);
  });

  it('never serves a path outside the uploads directory', async () => {
    writeFileSync(path.join(config.dataDir, 'secret.txt'), 'secret');
    for (const name of ['..%2Fsecret.txt', '..%2F..%2Fetc%2Fpasswd', 'missing.pdf']) {
      const res = await request(app).get(`/test/files/${name}`).set('Accept', 'text/html');
      expect(res.status).toBe(404);
      expect(res.text).not.toContain('secret');
    }
    const gone = await request(app).get('/test/files/00000000-0000-4000-8000-000000000000.pdf');
    expect(gone.status).toBe(404);
  });
});
