/**
 * Dashboard panels owned by features that do not exist yet. Each returns nothing until its
 * feature installs a provider at start-up, e.g. the assignments feature:
 *
 *   setDashboardSlots({ upcomingDeadlines: (userId) => assignments.upcomingFor(userId, 3) });
 */

export interface DeadlineItem {
  title: string;
  href: string;
  dueAt: Date;
  /** e.g. "submitted", "late": shown beside the date. */
  status?: string;
}

export interface FeedbackItem {
  title: string;
  href: string;
  from: string;
  at: Date;
  summary: string;
}

export interface CheckInItem {
  title: string;
  href: string;
  at: Date;
}

export interface DashboardSlots {
  upcomingDeadlines(userId: string): Promise<DeadlineItem[]>;
  latestFeedback(userId: string): Promise<FeedbackItem[]>;
  nextCheckIn(userId: string): Promise<CheckInItem | null>;
}

const empty: DashboardSlots = {
  upcomingDeadlines: async () => [],
  latestFeedback: async () => [],
  nextCheckIn: async () => null,
};

let slots: DashboardSlots = { ...empty };

/** Installs providers for some panels; the others keep their current provider. */
export function setDashboardSlots(partial: Partial<DashboardSlots>): void {
  slots = { ...slots, ...partial };
}

/** Restores the empty providers (tests). */
export function resetDashboardSlots(): void {
  slots = { ...empty };
}

/** The current providers. */
export function dashboardSlots(): DashboardSlots {
  return slots;
}
