/**
 * The read caches (server/db/read-cache.ts) on the embedded engine: a repeat page view reads
 * nothing from the database, and whatever writes the session, the person or the progress - this
 * app, or another process through its own connection - is seen by the very next request.
 */
import { MongoClient, ObjectId, type Db } from 'mongodb';
import { readCachesEnabled, watchChanges } from '../../../server/db/read-cache.js';
import { clearCourseCache } from '../../../server/features/learning/course-outline.service.js';
import { LessonProgress } from '../../../server/features/progress/progress.model.js';
import { listProgress } from '../../../server/features/progress/progress.service.js';
import { accountById } from '../../../server/features/users/credentials.service.js';
import { buildTestApp } from '../../helpers/app.js';
import {
  connectTestDatabase,
  disconnect,
  testDbName,
  testEngineChanges,
  testMongoUri,
} from '../../helpers/db.js';
import { createUser } from '../../helpers/factories/users.js';
import {
  clearLearnerData,
  COURSE,
  lessonUrl,
  seedCourse,
} from '../../helpers/factories/progress.js';
import { loginAs, signedInAs } from '../../helpers/login.js';

const { app, config } = buildTestApp();
const LESSON = lessonUrl('mindset', 'why-innovate');
/** Another process's view of the same database: its writes bypass everything in this one. */
let other: MongoClient;
let otherDb: Db;

beforeAll(async () => {
  await connectTestDatabase();
  await LessonProgress.init();
  await seedCourse(config);
  clearCourseCache();
  other = await MongoClient.connect(testMongoUri());
  otherDb = other.db(testDbName);
});
beforeEach(clearLearnerData);
afterAll(async () => {
  await other.close();
  await disconnect();
});

async function queries(): Promise<number> {
  const status = await otherDb.admin().command({ serverStatus: 1 });
  return Number((status.opcounters as { query: number }).query);
}

async function learner() {
  const user = await createUser({ roles: ['innovator'], name: 'Ana Learner' });
  const agent = await loginAs(app, user);
  await agent.get(LESSON).expect(200);
  return { user, agent };
}

const runsOnEmbeddedEngine = !process.env.MONGODB_URI;
const onEmbedded = runsOnEmbeddedEngine ? it : it.skip; // on MONGODB_URI the caches are off

describe('read caches on the embedded engine', () => {
  onEmbedded(
    'serve a repeat lesson view without reading the database, and read again when off',
    async () => {
      expect(readCachesEnabled()).toBe(true);
      const { agent } = await learner();
      await agent.get(LESSON).expect(200);
      const before = await queries();
      const page = await agent.get(LESSON).expect(200);
      expect(page.text).toContain('<span class="account-name">Ana Learner</span>');
      expect(await queries()).toBe(before);

      // The same view with the caches off reads session, person and progress.
      watchChanges(null);
      try {
        const off = await queries();
        await agent.get(LESSON).expect(200);
        expect(await queries()).toBeGreaterThanOrEqual(off + 3);
      } finally {
        watchChanges(testEngineChanges());
      }
    },
  );

  onEmbedded('show progress written by another process on the next view', async () => {
    const { user, agent } = await learner();
    expect((await agent.get(LESSON).expect(200)).text).toContain('In progress');
    const written = await otherDb
      .collection('lessonprogress')
      .updateOne(
        { user: new ObjectId(user.id), lesson: 'why-innovate' },
        { $set: { status: 'completed', completedAt: new Date() } },
      );
    expect(written.modifiedCount).toBe(1);
    const page = await agent.get(LESSON).expect(200);
    expect(page.text).toContain('Completed');
    expect(page.text).not.toContain('Mark as complete');
  });

  onEmbedded(
    'show curriculum changed by another process (an import beside the server) on the next view',
    async () => {
      const { agent } = await learner();
      expect((await agent.get(LESSON).expect(200)).text).toContain(
        '<h1>Why libraries innovate</h1>',
      );
      const written = await otherDb
        .collection('lessons')
        .updateOne(
          { slug: 'why-innovate' },
          { $set: { 'published.title': 'Why libraries change' }, $inc: { publishedRevision: 1 } },
        );
      expect(written.modifiedCount).toBe(1);
      expect((await agent.get(LESSON).expect(200)).text).toContain('<h1>Why libraries change</h1>');
    },
  );

  onEmbedded('show a new name set by another process on the next page', async () => {
    const { user, agent } = await learner();
    await otherDb
      .collection('users')
      .updateOne({ _id: new ObjectId(user.id) }, { $set: { name: 'Ana Renamed' } });
    expect(await signedInAs(agent, LESSON)).toBe('Ana Renamed');
  });

  onEmbedded('sign a person out at once when another process deactivates them', async () => {
    const { user, agent } = await learner();
    await otherDb
      .collection('users')
      .updateOne({ _id: new ObjectId(user.id) }, { $set: { active: false } });
    const res = await agent.get(LESSON);
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/login/);
  });

  onEmbedded(
    'sign every session out at once when another process changes the password',
    async () => {
      const { user, agent } = await learner();
      await otherDb
        .collection('users')
        .updateOne({ _id: new ObjectId(user.id) }, { $inc: { sessionVersion: 1 } });
      expect((await agent.get(LESSON)).status).toBe(303);
    },
  );

  onEmbedded('forget a session that another process deleted', async () => {
    const { agent } = await learner();
    await otherDb.collection('sessions').deleteMany({});
    expect((await agent.get(LESSON)).status).toBe(303);
  });
});

describe('cached values', () => {
  it("are frozen, with or without the caches, so no request can change another one's copy", async () => {
    const { user } = await learner();
    const records = await listProgress(user.id, COURSE.programme);
    expect(records).toHaveLength(1);
    expect(Object.isFrozen(records)).toBe(true);
    expect(() => {
      (records[0] as { status: string }).status = 'completed';
    }).toThrow(TypeError);
    const account = (await accountById(user.id))!;
    expect(() => {
      (account.user as { name: string }).name = 'Someone else';
    }).toThrow(TypeError);
    expect((await accountById(user.id))!.user.name).toBe('Ana Learner');
  });
});
