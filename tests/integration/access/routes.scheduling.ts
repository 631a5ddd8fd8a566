/**
 * Scheduling's routes in the role matrix (issue 8): notifications, mentoring, check-ins (the two
 * people in it only: others 404), the admin jobs page. The check-in is between mentor A and
 * innovator A; the failed job is a real Agenda job document.
 */
import mongoose, { Types } from 'mongoose';
import { Checkin } from '../../../server/features/checkins/checkin.model.js';
import { unsubscribeToken } from '../../../server/features/notifications/preferences.service.js';
import {
  everyone,
  only,
  signedIn,
  type Actor,
  type Expectation,
  type RouteCase,
  type World,
} from './matrix.js';

const mentorOnly = (): Record<Actor, Expectation> => ({ ...only('mentor') });
/** The mentor and innovator A may open check-in pages; everyone else signed in gets 404. */
const pair = (innovator: Expectation = 'ok'): Record<Actor, Expectation> => ({
  anonymous: 'login',
  innovator,
  mentor: 'ok',
  ambassador: 404,
  author: 404,
  admin: 404,
});

export async function setup(world: World): Promise<void> {
  const checkin = await Checkin.create({
    mentor: new Types.ObjectId(world.users.mentor.id),
    innovator: new Types.ObjectId(world.users.innovator.id),
    slot: 'matrix:1',
    startsAt: new Date(Date.now() + 86_400_000),
    timeZone: 'Europe/Belgrade',
    actionItems: [{ text: 'Matrix item', owner: 'innovator' }],
  });
  const failedJob = await mongoose.connection.collection('agendaJobs').insertOne({
    name: 'send-email',
    type: 'normal',
    priority: 0,
    data: { userId: world.users.innovator.id },
    nextRunAt: null,
    lastRunAt: new Date(),
    failedAt: new Date(),
    failCount: 1,
    failReason: 'matrix',
  });
  world.extra.checkinId = String(checkin._id);
  world.extra.itemId = String(checkin.actionItems[0]._id);
  world.extra.failedJobId = String(failedJob.insertedId);
}

const checkin = (w: World) => `/checkins/${String(w.extra.checkinId)}`;
const failedJob = (w: World) => `/admin/jobs/${String(w.extra.failedJobId)}`;

export const routes: RouteCase[] = [
  { method: 'GET', path: '/notifications', expect: signedIn() },
  { method: 'POST', path: '/notifications/read-all', expect: signedIn() },
  { method: 'GET', path: '/notifications/settings', expect: signedIn() },
  { method: 'POST', path: '/notifications/settings', expect: signedIn() },
  {
    method: 'POST',
    path: `/notifications/${new Types.ObjectId().toHexString()}/read`,
    expect: signedIn(404),
    note: "nobody's notification: 404",
  },
  {
    method: 'GET',
    path: (w) => `/notifications/unsubscribe/${unsubscribeToken(w.users.innovator.id, 'nudge')}`,
    expect: everyone(),
    note: 'signed link: no sign-in needed',
  },
  {
    method: 'POST',
    path: (w) => `/notifications/unsubscribe/${unsubscribeToken(w.users.innovator.id, 'nudge')}`,
    expect: everyone(),
    note: 'one-click unsubscribe from a mail client: no sign-in',
  },
  { method: 'GET', path: '/mentoring', expect: mentorOnly() },
  {
    method: 'GET',
    path: (w) => `/mentoring/${w.users.innovator.id}`,
    expect: mentorOnly(),
    note: 'mentor A mentors innovator A',
  },
  {
    method: 'GET',
    path: (w) => `/mentoring/${w.innovatorB.id}`,
    expect: { ...mentorOnly(), mentor: 404 },
    note: 'mentee of mentor B: 404',
  },
  {
    method: 'POST',
    path: (w) => `/mentoring/${w.innovatorB.id}/cadence`,
    expect: { ...mentorOnly(), mentor: 404 },
    note: 'not my mentee',
  },
  {
    method: 'POST',
    path: (w) => `/mentoring/${w.innovatorB.id}/cadence/stop`,
    expect: { ...mentorOnly(), mentor: 404 },
  },
  {
    method: 'POST',
    path: (w) => `/mentoring/${w.innovatorB.id}/checkins`,
    expect: { ...mentorOnly(), mentor: 404 },
    note: 'empty form for a stranger: 404',
  },
  {
    method: 'POST',
    path: (w) => `/mentoring/${w.users.innovator.id}/checkins`,
    expect: mentorOnly(),
    note: 'empty form: 422',
  },
  {
    method: 'POST',
    path: (w) => `/mentoring/${w.users.innovator.id}/cadence`,
    expect: mentorOnly(),
    note: 'empty form: 422',
  },
  { method: 'GET', path: checkin, expect: pair() },
  { method: 'GET', path: (w) => `${checkin(w)}/calendar.ics`, expect: pair() },
  {
    method: 'POST',
    path: (w) => `${checkin(w)}/notes`,
    expect: { ...mentorOnly() },
    note: 'the mentor of it only',
  },
  {
    method: 'POST',
    path: (w) => `${checkin(w)}/actions`,
    expect: { ...mentorOnly() },
    note: 'empty form: 422',
  },
  {
    method: 'POST',
    path: (w) => `${checkin(w)}/actions/${String(w.extra.itemId)}`,
    expect: pair(),
  },
  { method: 'GET', path: '/admin/jobs', expect: only('admin') },
  { method: 'GET', path: '/admin/jobs?state=scheduled', expect: only('admin') },
  { method: 'POST', path: (w) => `${failedJob(w)}/retry`, expect: only('admin') },
  {
    method: 'POST',
    path: (w) => `${failedJob(w)}/cancel`,
    expect: { ...only('admin'), admin: 404 },
    note: 'retried just before: no longer failed',
  },
];
