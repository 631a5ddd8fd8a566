/** Placeholder until accounts land: no strategy registered yet. */
export function configurePassport(): void {}
