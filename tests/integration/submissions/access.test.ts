/** Who may see whose work (issue 7: access). Work that is not yours to see answers 404. */
import { Grade } from '../../../server/features/grading/grade.model.js';
import { Submission } from '../../../server/features/submissions/submission.model.js';
import request from 'supertest';
import { buildTestApp } from '../../helpers/app.js';
import { clearDatabase, connectTestDatabase, disconnect } from '../../helpers/db.js';
import {
  createClassroom,
  pdfBytes,
  PROGRAMME,
  seedAssignments,
} from '../../helpers/factories/assignments.js';
import { createUser } from '../../helpers/factories/users.js';
import { loginAs } from '../../helpers/login.js';

const { app, config } = buildTestApp();
const id = PROGRAMME.snapshot.id;

beforeAll(connectTestDatabase);
beforeEach(async () => {
  await clearDatabase();
  await seedAssignments(config);
});
afterAll(disconnect);

/** An innovator (with mentor) who has submitted a PDF; returns the file URL and grading URL. */
async function submittedWork() {
  const room = await createClassroom();
  const innovator = await loginAs(app, room.innovator);
  await innovator.refreshToken(`/assignments/${id}`);
  await innovator
    .postMultipart(`/assignments/${id}/answer`)
    .field('text', 'Private answer')
    .field('action', 'submit')
    .attach('files', pdfBytes(), 'mine.pdf')
    .expect(303);
  const sub = (await Submission.findOne({ innovator: room.innovator.id }).lean())!;
  return {
    room,
    innovator,
    fileUrl: `/submissions/${sub._id}/files/${sub.files[0].storedName}`,
    gradeUrl: `/grading/${sub._id}`,
    sub,
  };
}

describe('files', () => {
  it('the innovator, their mentor and an admin can download; another innovator, another mentor and an ambassador get 404', async () => {
    const { room, innovator, fileUrl } = await submittedWork();
    await innovator.get(fileUrl).expect(200);
    await (await loginAs(app, room.mentor)).get(fileUrl).expect(200);
    await (await loginAs(app, await createUser({ roles: ['admin'] }))).get(fileUrl).expect(200);
    for (const stranger of [
      room.otherInnovator,
      room.otherMentor,
      await createUser({ roles: ['ambassador'], countries: ['RS'] }),
    ]) {
      const res = await (await loginAs(app, stranger)).get(fileUrl);
      expect(res.status).toBe(404);
      expect(res.headers['content-disposition']).toBeUndefined();
    }
  });

  it('anonymous visitors are sent to sign in', async () => {
    const { fileUrl } = await submittedWork();
    const res = await request(app).get(fileUrl).set('Accept', 'text/html');
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/login/);
  });

  it('a stored name that is not in the submission is not served', async () => {
    const { innovator, sub } = await submittedWork();
    await innovator
      .get(`/submissions/${sub._id}/files/00000000-0000-4000-8000-000000000000.pdf`)
      .expect(404);
    await innovator.get(`/submissions/${sub._id}/files/..%2F..%2Fetc%2Fpasswd`).expect(404);
  });
});

describe('grading', () => {
  it("a mentor cannot see, grade or release a non-mentee's submission: 404, nothing stored", async () => {
    const { room, gradeUrl, sub } = await submittedWork();
    const other = await loginAs(app, room.otherMentor);
    const page = await other.get(gradeUrl);
    expect(page.status).toBe(404);
    expect(page.text).not.toContain('Private answer');
    expect(
      (
        await other.postForm(gradeUrl, {
          level__community: '0',
          level__experiment: '0',
          feedback: 'x',
          action: 'accept',
        })
      ).status,
    ).toBe(404);
    expect((await other.postForm(`${gradeUrl}/release`, {})).status).toBe(404);
    expect(await Grade.countDocuments({ submission: sub._id })).toBe(0);
  });

  it('innovators and ambassadors cannot use the grading pages', async () => {
    const { innovator, gradeUrl } = await submittedWork();
    expect((await innovator.get(gradeUrl)).status).toBe(403);
    expect((await innovator.get('/grading')).status).toBe(403);
    const ambassador = await loginAs(
      app,
      await createUser({ roles: ['ambassador'], countries: ['RS'] }),
    );
    expect((await ambassador.get(gradeUrl)).status).toBe(403);
  });

  it('a malformed id is a 404 too', async () => {
    const { room } = await submittedWork();
    await (await loginAs(app, room.mentor)).get('/grading/not-an-id').expect(404);
  });
});
