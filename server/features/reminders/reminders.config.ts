/**
 * When deadline reminders go out. Days before the due date (3 and 1 by default) and the overdue
 * notice one day after; tests and deployments may change them with configureReminders().
 */
export interface ReminderSettings {
  daysBefore: number[];
  overdueAfterDays: number;
}

let settings: ReminderSettings = { daysBefore: [3, 1], overdueAfterDays: 1 };

/** Replaces some settings (the rest stay). */
export function configureReminders(partial: Partial<ReminderSettings>): void {
  settings = { ...settings, ...partial };
}

export function reminderSettings(): ReminderSettings {
  return settings;
}
