/**
 * The programme-completion rule that belongs to another feature: "the final project assignment
 * is accepted". Assignments/grading (issue 7) does not exist yet, so the default answers "not
 * accepted" and no certificate can be issued until that feature plugs in its check at start-up:
 *
 *   setFinalProjectCheck((userId, programme) => grading.finalProjectAcceptedAt(userId, programme));
 *
 * and calls `issueCertificateIfComplete(userId)` when it accepts a final project.
 */

/** When the learner's final project was accepted, or null when it has not been (yet). */
export type FinalProjectCheck = (userId: string, programmeSlug: string) => Promise<Date | null>;

const notYetAvailable: FinalProjectCheck = async () => null;

let check: FinalProjectCheck = notYetAvailable;

/** Installs the assignments feature's check (or a test's). */
export function setFinalProjectCheck(fn: FinalProjectCheck | null): void {
  check = fn ?? notYetAvailable;
}

/** When the final project was accepted, or null. */
export function finalProjectAcceptedAt(userId: string, programmeSlug: string): Promise<Date | null> {
  return check(userId, programmeSlug);
}
