/**
 * Earlier releases, read from the stack's update history. Every backend keeps it (Pulumi Cloud and the DIY
 * backends alike: `pulumi stack history --json`, pkg/cmd/pulumi/stack/stack_history.go and
 * pkg/backend/diy/state.go getHistory, v3.248.0), while earlier stack outputs are only kept by Pulumi Cloud. asc
 * writes each update's release into its message (formatUpdateMessage), so `asc rollback` works from a fresh CI
 * checkout with no local reports.
 *
 * What the history cannot say: whether the run around a succeeded update passed its migrations and health checks.
 * A run that rolled itself back (--rollback-on-failure) shows it, with a later `rollback` update of the same run id,
 * and its release is never a target; a release whose verification failed without that flag looks like any other.
 */
import { parseUpdateMessage, sameServiceImages, type ReleaseRecord, type ServiceImages } from "../../config/release-images.js";
import { AscUserError } from "../../errors.js";
import type { StackGateway, StackHistoryEntry } from "../pulumi/gateway.js";

/** One release the history records: a succeeded update asc made that left the services running. */
export interface HistoryRelease {
  readonly runId: string;
  readonly phase: string;
  /** The stack's update version (`pulumi stack history`). */
  readonly version: number;
  readonly startTime?: string;
  readonly release: ReleaseRecord;
}

/** Why an update of a run is not a release: for the error when --to names it. */
type Excluded = "failed" | "held" | "rolled back";

/**
 * Reads history entries newest first, page by page, and keeps the releases. A run's updates are excluded when the
 * run later rolled itself back (a `rollback` update with its run id, which is newer than its other updates).
 */
export class ReleaseHistory {
  private readonly rolledBack = new Set<string>();
  private readonly excluded = new Map<string, Excluded>();
  readonly releases: HistoryRelease[] = [];

  add(entries: readonly StackHistoryEntry[]): HistoryRelease[] {
    const added: HistoryRelease[] = [];
    for (const entry of entries) {
      if (entry.kind !== "update") continue;
      const record = parseUpdateMessage(entry.message);
      if (!record) continue;
      const why: Excluded | undefined =
        entry.result !== "succeeded" ? "failed" : record.held ? "held" : this.rolledBack.has(record.runId) && record.phase !== "rollback" ? "rolled back" : undefined;
      if (record.phase === "rollback" && entry.result === "succeeded") this.rolledBack.add(record.runId);
      if (why) {
        if (!this.excluded.has(record.runId)) this.excluded.set(record.runId, why);
        continue;
      }
      const release: HistoryRelease = { runId: record.runId, phase: record.phase, version: entry.version, ...(entry.startTime ? { startTime: entry.startTime } : {}), release: record.release };
      this.releases.push(release);
      added.push(release);
    }
    return added;
  }

  /** Why the updates of this run are no release (undefined: the history has none of its updates). */
  whyNot(runId: string): Excluded | undefined {
    return this.excluded.get(runId);
  }
}

export const HISTORY_PAGE_SIZE = 50;
/** 2,000 updates: far more than any rollback needs; past it, --to must name a newer run. */
export const HISTORY_MAX_PAGES = 40;

/**
 * Walks the history, newest first, until `done` is satisfied by a release or the history ends. Returns what was
 * read (the releases, and whether the walk reached the end).
 */
export async function walkHistory(stack: Pick<StackGateway, "history">, done: (release: HistoryRelease) => boolean): Promise<{ history: ReleaseHistory; found?: HistoryRelease; complete: boolean }> {
  const history = new ReleaseHistory();
  for (let page = 1; page <= HISTORY_MAX_PAGES; page++) {
    const entries = await stack.history({ pageSize: HISTORY_PAGE_SIZE, page });
    const found = history.add(entries).find(done);
    if (found) return { history, found, complete: false };
    if (entries.length < HISTORY_PAGE_SIZE) return { history, complete: true };
  }
  return { history, complete: false };
}

const describe = (r: HistoryRelease) => `${r.runId} (update ${r.version}${r.startTime ? `, ${r.startTime}` : ""}: api ${r.release.services.api}, web ${r.release.services.web})`;

function candidates(history: ReleaseHistory): string {
  const runs = [...new Map(history.releases.map((r) => [r.runId, r])).values()].slice(0, 10);
  return runs.map(describe).join("; ") || "(no release in the stack's history)";
}

/**
 * The release `asc rollback` redeploys: the one of run `to`, or by default the newest release whose service images
 * differ from the ones the stack runs now. Throws a user error (exit 2) when there is none.
 */
export async function findRollbackTarget(stack: Pick<StackGateway, "history" | "name">, current: ServiceImages | undefined, to: string | undefined): Promise<HistoryRelease> {
  if (to !== undefined) {
    // A run's own `rollback` update restored the release before it: --to names the run's release, never that.
    const { history, found, complete } = await walkHistory(stack, (r) => r.runId === to && r.phase !== "rollback");
    if (found) return found;
    const why = history.whyNot(to);
    throw new AscUserError(`No release of run ${to} in the history of ${stack.name}`, [{
      path: "--to",
      value: to,
      message: why ? `that run's updates are not a release: ${why === "held" ? "its services were created but never started" : why === "failed" ? "its stack update failed" : "it rolled itself back after a failed release"}` : `no update of that run in the stack's history${complete ? "" : ` (read the newest ${HISTORY_PAGE_SIZE * HISTORY_MAX_PAGES} updates)`}`,
      allowed: candidates(history),
      fix: "pass the run id of a release the stack ran (pulumi stack history shows each update's run id in its message)",
    }]);
  }
  if (!current) {
    throw new AscUserError(`Nothing to roll back on ${stack.name}`, [{ path: "stack", value: stack.name, message: "the stack records no release (its `release` output is missing): nothing was deployed with asc yet", fix: "deploy first (asc deploy), or pass --to <run id> of a release in the stack's history" }]);
  }
  const { history, found } = await walkHistory(stack, (r) => !sameServiceImages(r.release.services, current));
  if (found) return found;
  throw new AscUserError(`Nothing to roll back to on ${stack.name}`, [{
    path: "--to",
    message: `no earlier release in the stack's history runs other images than the current api ${current.api}, web ${current.web}`,
    allowed: candidates(history),
    fix: "pass --to <run id> of an earlier release, or deploy the images you want with asc deploy --image",
  }]);
}

/** The newest release in the history (a stack deployed before asc recorded its `release` output). */
export async function newestRelease(stack: Pick<StackGateway, "history">): Promise<HistoryRelease | undefined> {
  return (await walkHistory(stack, () => true)).found;
}
