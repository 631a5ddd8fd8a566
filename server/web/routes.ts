/**
 * Mounts every feature's router, one line each. Feature owners add their line here.
 */
import type { Express } from 'express';
import { healthRouter } from '../features/health/health.routes.js';
import { homeRouter } from '../features/home/home.routes.js';
import { authRouter } from '../features/auth/auth.routes.js';
import { usersRouter } from '../features/users/users.routes.js';
import { cohortsRouter } from '../features/cohorts/cohorts.routes.js';
import { invitationsRouter } from '../features/invitations/invitations.routes.js';
import { profileRouter } from '../features/profile/profile.routes.js';
import { adminRouter } from '../features/admin/admin.routes.js';
import { dashboardRouter } from '../features/dashboard/dashboard.routes.js';
import { learningRouter } from '../features/learning/learning.routes.js';
import { journalRouter } from '../features/journal/journal.routes.js';
import { certificatesRouter } from '../features/certificates/certificates.routes.js';
import { progressRouter } from '../features/progress/progress.routes.js';
import { assignmentsRouter } from '../features/assignments/assignments.routes.js';
import { submissionsRouter } from '../features/submissions/submissions.routes.js';
import { gradingRouter } from '../features/grading/grading.routes.js';
import { gradebookRouter } from '../features/gradebook/gradebook.routes.js';
import { curriculumRouter } from '../features/curriculum/curriculum.routes.js';
import { authoringRouter } from '../features/authoring/authoring.routes.js';
import { bellLocals } from '../features/notifications/bell-locals.js';
import { notificationsRouter } from '../features/notifications/notifications.routes.js';
import { mentoringRouter } from '../features/mentoring/mentoring.routes.js';
import { checkinsRouter } from '../features/checkins/checkins.routes.js';
import { jobsAdminRouter } from '../jobs/jobs-admin.routes.js';
import { ambassadorRouter } from '../features/ambassador/ambassador.routes.js';

export function mountRoutes(app: Express): void {
  app.use(bellLocals); // the layout's bell: unread count, for pages rendered to signed-in people
  app.use(healthRouter);
  app.use(homeRouter);
  app.use(authRouter);
  app.use(usersRouter);
  app.use(cohortsRouter);
  app.use(invitationsRouter);
  app.use(profileRouter);
  app.use(adminRouter);
  app.use(dashboardRouter);
  app.use(learningRouter);
  app.use(journalRouter);
  app.use(certificatesRouter);
  app.use(progressRouter);
  app.use(assignmentsRouter);
  app.use(submissionsRouter);
  app.use(gradingRouter);
  app.use(gradebookRouter);
  app.use(curriculumRouter);
  app.use(authoringRouter);
  app.use(notificationsRouter);
  app.use(mentoringRouter);
  app.use(checkinsRouter);
  app.use(jobsAdminRouter);
  app.use(ambassadorRouter);
}
