/** Writing, saving and submitting answers with files, and every refusal (issue 7, point 2). */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Submission } from '../../../server/features/submissions/submission.model.js';
import { buildTestApp } from '../../helpers/app.js';
import { clearDatabase, connectTestDatabase, disconnect } from '../../helpers/db.js';
import {
  createClassroom,
  exeBytes,
  pdfBytes,
  pngBytes,
  PROGRAMME,
  seedAssignments,
} from '../../helpers/factories/assignments.js';
import { loginAs } from '../../helpers/login.js';

const LIMIT = 64 * 1024;
const { app, config } = buildTestApp({ uploadMaxBytes: LIMIT });
const id = PROGRAMME.snapshot.id;
const page = `/assignments/${id}`;
const answerUrl = `${page}/answer`;

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const storedFiles = () =>
  readdirSync(config.uploadsDir).filter((f) => !f.startsWith('.') && !f.startsWith('resources'));

beforeAll(connectTestDatabase);
beforeEach(async () => {
  await clearDatabase();
  await seedAssignments(config);
});
afterAll(disconnect);

async function innovatorAgent() {
  const room = await createClassroom();
  const agent = await loginAs(app, room.innovator);
  await agent.refreshToken(page);
  return { room, agent };
}

describe('submitting an answer', () => {
  it('stores the text and files under random names with their hash and original name', async () => {
    const { room, agent } = await innovatorAgent();
    const pdf = pdfBytes();
    const png = await pngBytes();
    const before = storedFiles().length;
    const res = await agent
      .postMultipart(answerUrl)
      .field('text', 'Our library in **Šabac** serves <script>alert(1)</script> everyone.')
      .field('action', 'submit')
      .attach('files', pdf, 'Snapshot Šabac.pdf')
      .attach('files', png, 'reading-room.png');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(page);

    const stored = await Submission.find({ innovator: room.innovator.id }).lean();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ version: 1, status: 'submitted', lateMs: 0 });
    expect(stored[0].files.map((f) => f.originalName)).toEqual([
      'Snapshot Šabac.pdf',
      'reading-room.png',
    ]);
    for (const [file, bytes] of [
      [stored[0].files[0], pdf],
      [stored[0].files[1], png],
    ] as const) {
      expect(file.storedName).toMatch(/^[0-9a-f-]{36}\.(pdf|png)$/);
      const onDisk = path.join(config.uploadsDir, file.storedName);
      expect(existsSync(onDisk)).toBe(true);
      expect(file.sha256).toBe(sha(bytes));
      expect(sha(readFileSync(onDisk))).toBe(file.sha256);
    }
    expect(storedFiles().length).toBe(before + 2);

    const shown = await agent.get(page).expect(200);
    expect(shown.text).toContain('<strong>Šabac</strong>');
    expect(shown.text).not.toContain('<script>alert(1)');
    expect(shown.text).toContain('Snapshot Šabac.pdf');

    const download = await agent
      .get(`/submissions/${stored[0]._id}/files/${stored[0].files[0].storedName}`)
      .buffer(true)
      .expect(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toContain(
      `filename*=UTF-8''Snapshot%20%C5%A0abac.pdf`,
    );
    expect(sha(download.body as Buffer)).toBe(sha(pdf));
  });

  it('keeps a draft to finish later, then submits it as final and refuses further edits', async () => {
    const { room, agent } = await innovatorAgent();
    await agent
      .postMultipart(answerUrl)
      .field('text', 'First thoughts')
      .field('action', 'draft')
      .expect(303);
    let stored = await Submission.findOne({ innovator: room.innovator.id }).lean();
    expect(stored).toMatchObject({ status: 'draft', text: 'First thoughts', submittedAt: null });
    const again = await agent.get(page).expect(200);
    expect(again.text).toContain('First thoughts</textarea>');

    await agent
      .postMultipart(answerUrl)
      .field('text', 'Finished answer')
      .field('action', 'submit')
      .expect(303);
    stored = await Submission.findOne({ innovator: room.innovator.id }).lean();
    expect(stored).toMatchObject({ status: 'submitted', text: 'Finished answer', version: 1 });
    expect(stored!.submittedAt).toBeInstanceOf(Date);

    const refused = await agent
      .postMultipart(answerUrl)
      .field('text', 'Changed my mind')
      .field('action', 'submit');
    expect(refused.status).toBe(409);
    expect((await Submission.findOne({ innovator: room.innovator.id }).lean())!.text).toBe(
      'Finished answer',
    );
  });

  it('removes a file from a draft, from the record and from the disk', async () => {
    const { room, agent } = await innovatorAgent();
    await agent
      .postMultipart(answerUrl)
      .field('text', 'Draft')
      .field('action', 'draft')
      .attach('files', pdfBytes('one'), 'one.pdf')
      .attach('files', pdfBytes('two'), 'two.pdf')
      .expect(303);
    const draft = (await Submission.findOne({ innovator: room.innovator.id }).lean())!;
    const [one, two] = draft.files;
    await agent.refreshToken(page);
    await agent
      .postMultipart(answerUrl)
      .field('text', 'Draft')
      .field('action', 'draft')
      .field('removeFiles', one.storedName)
      .expect(303);
    const after = (await Submission.findOne({ innovator: room.innovator.id }).lean())!;
    expect(after.files.map((f) => f.originalName)).toEqual(['two.pdf']);
    expect(existsSync(path.join(config.uploadsDir, one.storedName))).toBe(false);
    expect(existsSync(path.join(config.uploadsDir, two.storedName))).toBe(true);
  });

  it('refuses an empty submission and shows the form again', async () => {
    const { room, agent } = await innovatorAgent();
    const res = await agent.postMultipart(answerUrl).field('text', '   ').field('action', 'submit');
    expect(res.status).toBe(400);
    expect(res.text).toContain('Write an answer or attach a file before submitting.');
    expect(await Submission.countDocuments({ innovator: room.innovator.id })).toBe(0);
  });
});

describe('refused uploads leave no file and keep the typed text', () => {
  it('a file over the limit: 413 naming the limit', async () => {
    const { room, agent } = await innovatorAgent();
    const before = storedFiles();
    const res = await agent
      .postMultipart(answerUrl)
      .field('text', 'My long answer about the reading room')
      .field('action', 'submit')
      .attach('files', Buffer.concat([pdfBytes(), Buffer.alloc(LIMIT + 1, 0x20)]), 'big.pdf');
    expect(res.status).toBe(413);
    expect(res.text).toContain('Each file may be at most 64 KB.');
    expect(res.text).toContain('My long answer about the reading room</textarea>');
    expect(storedFiles()).toEqual(before);
    expect(await Submission.countDocuments({ innovator: room.innovator.id })).toBe(0);
  });

  it('a program disguised with a .pdf name: 415, refused on its bytes', async () => {
    const { room, agent } = await innovatorAgent();
    const before = storedFiles();
    const res = await agent
      .postMultipart(answerUrl)
      .field('text', 'See the attached report')
      .field('action', 'submit')
      .attach('files', pdfBytes(), 'fine.pdf')
      .attach('files', exeBytes(), 'report.pdf');
    expect(res.status).toBe(415);
    expect(res.text).toContain('&#34;report.pdf&#34; is not an accepted type of file.');
    expect(res.text).toContain('See the attached report</textarea>');
    expect(storedFiles()).toEqual(before);
    expect(await Submission.countDocuments({ innovator: room.innovator.id })).toBe(0);
  });

  it('more than five files: refused, nothing stored', async () => {
    const { room, agent } = await innovatorAgent();
    const before = storedFiles();
    let req = agent.postMultipart(answerUrl).field('text', 'Six photos').field('action', 'draft');
    for (let i = 0; i < 6; i += 1)
      req = req.attach('files', pdfBytes(`page ${i}`), `page-${i}.pdf`);
    const res = await req;
    expect(res.status).toBe(413);
    expect(res.text).toContain('at most 5 files');
    expect(res.text).toContain('Six photos</textarea>');
    expect(storedFiles()).toEqual(before);
    expect(await Submission.countDocuments({ innovator: room.innovator.id })).toBe(0);
  });

  it('a draft already holding files cannot go over five in total', async () => {
    const { room, agent } = await innovatorAgent();
    let req = agent.postMultipart(answerUrl).field('text', 'Draft').field('action', 'draft');
    for (let i = 0; i < 4; i += 1) req = req.attach('files', pdfBytes(`p${i}`), `p${i}.pdf`);
    await req.expect(303);
    const before = storedFiles();
    const res = await agent
      .postMultipart(answerUrl)
      .field('text', 'Draft with more')
      .field('action', 'draft')
      .attach('files', pdfBytes('a'), 'a.pdf')
      .attach('files', pdfBytes('b'), 'b.pdf');
    expect(res.status).toBe(413);
    expect(res.text).toContain('at most 5 files');
    expect(res.text).toContain('Draft with more</textarea>');
    expect(storedFiles()).toEqual(before);
    expect((await Submission.findOne({ innovator: room.innovator.id }).lean())!.files).toHaveLength(
      4,
    );
  });
});
