/**
 * The set-up the mentoring browser tests share: the real server, a connection to its database to
 * add the people, an innovator and their mentor in a cohort that started yesterday, and one
 * browser page per person (each its own context, so their sessions stay apart).
 */
import path from 'node:path';
import mongoose from 'mongoose';
import type { Browser, Page } from 'playwright-core';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../../server/db/embedded/index.js';
import {
  assignMentor,
  createCohort,
  createUser,
  type TestUser,
} from '../../helpers/factories/users.js';
import { freshDir, type ServerProcess } from '../../helpers/server-process.js';
import { launchBrowser, newPage, startApp } from './index.js';

export interface PersonSpec {
  name: string;
  country: string;
}

export interface MentorPairOptions {
  /** Prefix of the temp data/uploads directories (which test made them). */
  dirPrefix: string;
  innovator: PersonSpec;
  mentor: PersonSpec;
  cohortName: string;
}

export interface MentorPair {
  server: ServerProcess;
  innovator: TestUser;
  mentor: TestUser;
  innovatorPage: Page;
  mentorPage: Page;
  /** Closes the browser and the database connection, then stops the server (its exit code). */
  stop(): Promise<number | null | undefined>;
}

/** Starts the server and a browser with an innovator and their mentor ready to sign in. */
export async function startMentorPair(o: MentorPairOptions): Promise<MentorPair> {
  const dataDir = freshDir(`${o.dirPrefix}-data`);
  let server: ServerProcess | undefined;
  let engine: EmbeddedMongo | undefined;
  let browser: Browser | undefined;
  const stop = async () => {
    await browser?.close();
    await mongoose.disconnect();
    await engine?.stop();
    return server?.stop();
  };
  try {
    server = await startApp({ DATA_DIR: dataDir, UPLOADS_DIR: freshDir(`${o.dirPrefix}-uploads`) });
    // The server owns the data directory; this connects to its engine to add the people.
    engine = await startEmbeddedMongo({ dbPath: path.join(dataDir, 'db'), port: 0 });
    await mongoose.connect(engine.uri, { dbName: 'atelier' });
    const innovator = await createUser({ ...o.innovator, roles: ['innovator'] });
    const mentor = await createUser({ ...o.mentor, roles: ['mentor'] });
    const cohort = await createCohort({
      name: o.cohortName,
      startDate: new Date(Date.now() - 86_400_000),
      members: [innovator.id, mentor.id],
    });
    await assignMentor(cohort.id, innovator.id, mentor.id);
    browser = await launchBrowser();
    return {
      server,
      innovator,
      mentor,
      innovatorPage: await newPage(browser),
      mentorPage: await newPage(browser),
      stop,
    };
  } catch (err) {
    // A half-started pair must not leave a server or browser running after the failed test.
    await stop().catch(() => undefined);
    throw err;
  }
}
