/** The mentor's queue, rubric grading, release, return and resubmission (issue 7, points 3-4, 6). */
import { Grade } from '../../../server/features/grading/grade.model.js';
import { Submission } from '../../../server/features/submissions/submission.model.js';
import {
  finalProjectAcceptedAt,
  latestFeedback,
  upcomingDeadlines,
} from '../../../server/features/assignments/assignments.api.js';
import { buildTestApp } from '../../helpers/app.js';
import { clearDatabase, connectTestDatabase, disconnect } from '../../helpers/db.js';
import {
  createClassroom,
  PROGRAMME,
  seedAssignments,
} from '../../helpers/factories/assignments.js';
import { loginAs } from '../../helpers/login.js';
import type { CsrfAgent } from '../../helpers/csrf.js';

const DAY = 86_400_000;
const { app, config } = buildTestApp();
const id = PROGRAMME.snapshot.id;

beforeAll(connectTestDatabase);
beforeEach(async () => {
  await clearDatabase();
  await seedAssignments(config);
});
afterAll(disconnect);

async function submit(agent: CsrfAgent, text: string, assignmentId: string = id) {
  await agent.refreshToken(`/assignments/${assignmentId}`);
  const res = await agent
    .postMultipart(`/assignments/${assignmentId}/answer`)
    .field('text', text)
    .field('action', 'submit');
  expect(res.status).toBe(303);
}

async function setup(start = new Date()) {
  const room = await createClassroom({ startDate: start });
  const innovator = await loginAs(app, room.innovator);
  const mentor = await loginAs(app, room.mentor);
  return { room, innovator, mentor };
}

const latest = (innovatorId: string) =>
  Submission.findOne({ innovator: innovatorId }).sort({ version: -1 }).lean();

describe('the grading queue', () => {
  it("lists mentees' submissions oldest first with late flags and counts, and nobody else's", async () => {
    const { room, innovator, mentor } = await setup(new Date(Date.now() - 40 * DAY));
    await submit(innovator, 'Snapshot');
    await submit(innovator, 'Proposal', PROGRAMME.final.id);
    await submit(await loginAs(app, room.otherInnovator), 'Not your mentee');
    const res = await mentor.get('/grading').expect(200);
    expect(res.text).toContain('2 waiting (1 late, 0 in progress), 0 ready to release.');
    const rows = res.text.split('<tbody>')[1].split('</tbody>')[0];
    expect(rows.indexOf(PROGRAMME.snapshot.title)).toBeLessThan(
      rows.indexOf(PROGRAMME.final.title),
    );
    expect(rows).toMatch(/Late by (9 days|10 days)/);
    expect(rows).toContain('On time');
    expect(res.text).not.toContain(room.otherInnovator.name);
  });
});

describe('grading with the rubric', () => {
  it('computes the total on the server, ignoring a tampered total', async () => {
    const { room, innovator, mentor } = await setup();
    await submit(innovator, 'Snapshot');
    const sub = await latest(room.innovator.id);
    const url = `/grading/${sub!._id}`;
    const page = await mentor.get(url).expect(200);
    expect(page.text).toContain('name="level__community"');
    const res = await mentor.postForm(
      url,
      {
        level__community: '1',
        level__experiment: '0',
        comment__community: 'Good detail',
        feedback: 'Nice work',
        total: '999',
        action: 'accept',
      },
      { tokenFrom: url },
    );
    expect(res.status).toBe(303);
    const grade = await Grade.findOne({ submission: sub!._id }).lean();
    expect(grade).toMatchObject({
      total: 9,
      maxTotal: 10,
      decision: 'accept',
      releasedAt: null,
      feedback: 'Nice work',
    });
    expect(grade!.criteria[0]).toMatchObject({
      criterionId: 'community',
      levelTitle: 'Good',
      points: 3,
      comment: 'Good detail',
    });
  });

  it('keeps a draft of the grading; an incomplete "accept" is kept as a draft, not lost', async () => {
    const { room, innovator, mentor } = await setup();
    await submit(innovator, 'Snapshot');
    const sub = await latest(room.innovator.id);
    const url = `/grading/${sub!._id}`;
    await mentor
      .postForm(
        url,
        {
          level__community: '0',
          comment__community: 'Half way through',
          feedback: 'Draft thoughts',
          action: 'save',
        },
        { tokenFrom: url },
      )
      .then((r) => expect(r.status).toBe(303));
    let page = await mentor.get(url).expect(200);
    expect(page.text).toContain('Draft saved');
    expect(page.text).toMatch(/id="level-community-0" name="level__community" value="0" checked/);
    expect(page.text).toContain('Half way through</textarea>');
    expect(page.text).toContain('Draft thoughts</textarea>');

    const res = await mentor.postForm(
      url,
      { level__community: '0', feedback: 'More thoughts', action: 'accept' },
      { tokenFrom: url },
    );
    expect(res.status).toBe(303);
    page = await mentor.get(url).expect(200);
    expect(page.text).toContain('Choose a level for every criterion before accepting.');
    expect(await Grade.findOne({ submission: sub!._id }).lean()).toMatchObject({
      decision: null,
      feedback: 'More thoughts',
      total: 4,
    });
  });
});

describe('autosave', () => {
  it('a script can save the draft as the mentor works and gets the computed total back', async () => {
    const { room, innovator, mentor } = await setup();
    await submit(innovator, 'Snapshot');
    const sub = await latest(room.innovator.id);
    const url = `/grading/${sub!._id}`;
    await mentor.refreshToken(url);
    const res = await mentor
      .post(url)
      .type('form')
      .set('Accept', 'application/json')
      .send({ _csrf: mentor.csrfToken, level__experiment: '1', feedback: 'Typing…', total: '10' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ saved: true, total: 2, maxTotal: 10 });
    expect(await Grade.findOne({ submission: sub!._id }).lean()).toMatchObject({
      decision: null,
      total: 2,
      feedback: 'Typing…',
    });
  });
});

describe('release gating', () => {
  it('shows the innovator nothing until the mentor releases, then the feedback and rubric results', async () => {
    const { room, innovator, mentor } = await setup();
    await submit(innovator, 'Snapshot');
    const sub = await latest(room.innovator.id);
    const url = `/grading/${sub!._id}`;
    await mentor.postForm(
      url,
      {
        level__community: '0',
        level__experiment: '1',
        comment__experiment: 'Make the test smaller',
        feedback: 'SECRET-UNTIL-RELEASE',
        action: 'accept',
      },
      { tokenFrom: url },
    );

    let page = await innovator.get(`/assignments/${id}`).expect(200);
    expect(page.text).not.toContain('SECRET-UNTIL-RELEASE');
    expect(page.text).not.toContain('Make the test smaller');
    expect(page.text).toContain('Their feedback appears here once they release it.');
    expect(await latestFeedback(room.innovator.id)).toEqual([]);

    const queue = await mentor.get('/grading').expect(200);
    expect(queue.text).toContain('1 ready to release');
    const res = await mentor.postForm('/grading/release-all', {}, { tokenFrom: '/grading' });
    expect(res.status).toBe(303);

    page = await innovator.get(`/assignments/${id}`).expect(200);
    expect(page.text).toContain('SECRET-UNTIL-RELEASE');
    expect(page.text).toContain('Accepted: 6 of 10 points');
    expect(page.text).toContain('Make the test smaller');
    expect((await latest(room.innovator.id))!.status).toBe('accepted');
    const feedback = await latestFeedback(room.innovator.id);
    expect(feedback).toEqual([
      expect.objectContaining({
        title: PROGRAMME.snapshot.title,
        from: 'Mentor Marija',
        summary: 'Accepted, 6 of 10 points',
      }),
    ]);
  });

  it('a released grade cannot be changed', async () => {
    const { room, innovator, mentor } = await setup();
    await submit(innovator, 'Snapshot');
    const sub = await latest(room.innovator.id);
    const url = `/grading/${sub!._id}`;
    await mentor.postForm(
      url,
      { level__community: '0', level__experiment: '0', feedback: 'Great', action: 'accept' },
      { tokenFrom: url },
    );
    await mentor
      .postForm(`${url}/release`, {}, { tokenFrom: url })
      .then((r) => expect(r.status).toBe(303));
    const res = await mentor.postForm(
      url,
      { level__community: '2', level__experiment: '2', feedback: 'Changed', action: 'accept' },
      { tokenFrom: '/grading' },
    );
    expect(res.status).toBe(409);
    expect(await Grade.findOne({ submission: sub!._id }).lean()).toMatchObject({
      total: 10,
      feedback: 'Great',
    });
  });
});

describe('return for revision and resubmission', () => {
  it('keeps every version and its feedback, side by side', async () => {
    const { room, innovator, mentor } = await setup();
    await submit(innovator, 'First version text');
    const v1 = await latest(room.innovator.id);
    const url1 = `/grading/${v1!._id}`;
    const noFeedback = await mentor.postForm(
      url1,
      { action: 'return', feedback: '' },
      { tokenFrom: url1 },
    );
    expect(noFeedback.status).toBe(303);
    expect(await Grade.findOne({ submission: v1!._id }).lean()).toMatchObject({ decision: null });
    await mentor.postForm(
      url1,
      { level__community: '2', feedback: 'Please add the non-users', action: 'return' },
      { tokenFrom: url1 },
    );
    await mentor.postForm(`${url1}/release`, {}, { tokenFrom: url1 });
    expect((await Submission.findById(v1!._id).lean())!.status).toBe('returned');

    const page = await innovator.get(`/assignments/${id}`).expect(200);
    expect(page.text).toContain('Returned for revision');
    expect(page.text).toContain('Please add the non-users');
    expect(page.text).toContain('First version text</textarea>');
    expect(await upcomingDeadlines(room.innovator.id)).toEqual([
      expect.objectContaining({ title: PROGRAMME.snapshot.title, status: 'returned' }),
      expect.anything(),
    ]);

    await submit(innovator, 'Second version, with non-users');
    const versions = await Submission.find({ innovator: room.innovator.id })
      .sort({ version: 1 })
      .lean();
    expect(versions.map((v) => [v.version, v.status, v.text])).toEqual([
      [1, 'returned', 'First version text'],
      [2, 'submitted', 'Second version, with non-users'],
    ]);
    expect(versions[1].lateMs).toBe(0);

    const url2 = `/grading/${versions[1]._id}`;
    const grading = await mentor.get(url2).expect(200);
    expect(grading.text).toContain('Earlier versions and your feedback');
    expect(grading.text).toContain('First version text');
    expect(grading.text).toContain('Please add the non-users');
    await mentor.postForm(
      url2,
      { level__community: '0', level__experiment: '0', feedback: 'Accepted now', action: 'accept' },
      { tokenFrom: url2 },
    );
    await mentor.postForm(`${url2}/release`, {}, { tokenFrom: url2 });

    const history = await innovator.get(`/assignments/${id}`).expect(200);
    expect(history.text).toContain('Version 1');
    expect(history.text).toContain('Version 2');
    expect(history.text).toContain('Please add the non-users');
    expect(history.text).toContain('Accepted now');
    expect(history.text).not.toContain('name="action" value="submit"');
  });

  it('an accepted final project is what completes the programme', async () => {
    const { room, innovator, mentor } = await setup();
    expect(await finalProjectAcceptedAt(room.innovator.id)).toBeNull();
    await submit(innovator, 'My proposal', PROGRAMME.final.id);
    const sub = await latest(room.innovator.id);
    const url = `/grading/${sub!._id}`;
    await mentor.postForm(
      url,
      { level__proposal: '0', feedback: 'Ready to go', action: 'accept' },
      { tokenFrom: url },
    );
    expect(await finalProjectAcceptedAt(room.innovator.id)).toBeNull();
    await mentor.postForm(`${url}/release`, {}, { tokenFrom: url });
    expect(await finalProjectAcceptedAt(room.innovator.id)).toBeInstanceOf(Date);
  });
});
