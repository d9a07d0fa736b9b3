/**
 * The marker of a held service (asc:holdServices): created, not running, until a first deploy's migration
 * succeeded. The policies read it to accept the hold rather than exempting held services by hand.
 */
export const HOLD_TAG = "asc-hold";
export const HOLD_FIRST_DEPLOY = "first-deploy";

/** Whether a resource's tags carry the first-deploy hold. */
export const isHeldForFirstDeploy = (tags: unknown): boolean =>
  !!tags && typeof tags === "object" && (tags as Record<string, unknown>)[HOLD_TAG] === HOLD_FIRST_DEPLOY;
