/**
 * Reading releases back from a stack's update history, in pages, as `pulumi stack history --json` returns them
 * (newest first; a page past the end is empty). The CLI side runs against the fake pulumi in
 * tests/cli/deploy-commands.test.ts; here the paging and the exclusions are driven directly.
 */
import { findRollbackTarget, HISTORY_PAGE_SIZE, ReleaseHistory, walkHistory } from "../../../src/deploy/pipeline/release-history.js";
import { confirmationQuestion } from "../../../src/deploy/pipeline/stack-update.js";
import type { HistoryPage, StackHistoryEntry } from "../../../src/deploy/pulumi/gateway.js";
import type { RunContext, RunState } from "../../../src/deploy/pipeline/run-context.js";

const img = (tag: string) => ({ api: `ghcr.io/acme/api:${tag}`, web: `ghcr.io/acme/web:${tag}` });
const msg = (run: string, phase: string, tag: string, held = false) => `asc ${run} ${phase}: services api=ghcr.io/acme/api:${tag} web=ghcr.io/acme/web:${tag}${held ? " (held: not started)" : ""}; migration ghcr.io/acme/api:${tag}`;

/** A stack whose history holds these updates, oldest first; records every page asked for. */
function stackWith(updates: { message: string; result?: string; kind?: string }[]) {
  const entries: StackHistoryEntry[] = updates.map((u, i) => ({ version: i + 1, kind: u.kind ?? "update", message: u.message, result: u.result ?? "succeeded" })).reverse();
  const pages: number[] = [];
  return {
    name: "org/asc/aws-production",
    pages,
    history: async (p: HistoryPage) => {
      pages.push(p.page);
      return entries.slice((p.page - 1) * p.pageSize, p.page * p.pageSize);
    },
  };
}

describe("release history", () => {
  it("GIVEN held, failed, foreign and rolled-back updates THEN only the releases that served remain, newest first", () => {
    const history = new ReleaseHistory();
    history.add([
      { version: 7, kind: "update", message: msg("r4", "rollback", "v2"), result: "succeeded" },
      { version: 6, kind: "update", message: msg("r4", "release", "v3"), result: "succeeded" },
      { version: 5, kind: "update", message: msg("r3", "provision", "bad"), result: "failed" },
      { version: 4, kind: "refresh", message: msg("rx", "release", "v9"), result: "succeeded" },
      { version: 3, kind: "update", message: "manual pulumi up", result: "succeeded" },
      { version: 2, kind: "update", message: msg("r2", "provision", "v2"), result: "succeeded" },
      { version: 1, kind: "update", message: msg("r1", "provision", "v1", true), result: "succeeded" },
    ]);
    expect(history.releases.map((r) => `${r.runId}:${r.phase}:${r.version}`)).toEqual(["r4:rollback:7", "r2:provision:2"]);
    expect([history.whyNot("r4"), history.whyNot("r3"), history.whyNot("r1"), history.whyNot("nope")]).toEqual(["rolled back", "failed", "held", undefined]);
  });

  it("GIVEN the target on the third page THEN three pages are read and no more", async () => {
    const stack = stackWith([{ message: msg("r1", "release", "v1") }, ...Array.from({ length: HISTORY_PAGE_SIZE * 2 + 3 }, () => ({ message: msg("r2", "release", "v2") }))]);
    const target = await findRollbackTarget(stack, img("v2"), undefined);
    expect([target.runId, target.version, stack.pages]).toEqual(["r1", 1, [1, 2, 3]]);
  });

  it("GIVEN a history that ends on a full page THEN the empty page after it ends the walk", async () => {
    const stack = stackWith(Array.from({ length: HISTORY_PAGE_SIZE }, () => ({ message: msg("r2", "release", "v2") })));
    const { found, complete } = await walkHistory(stack, (r) => r.runId === "r1");
    expect([found, complete, stack.pages]).toEqual([undefined, true, [1, 2]]);
  });

  it("GIVEN --to a run the history does not have THEN a user error lists the runs it has", async () => {
    const stack = stackWith([{ message: msg("r1", "release", "v1") }, { message: msg("r2", "release", "v2") }]);
    await expect(findRollbackTarget(stack, img("v2"), "r9")).rejects.toMatchObject({
      exitCode: 2,
      problems: [expect.objectContaining({ path: "--to", value: "r9", message: "no update of that run in the stack's history", allowed: expect.stringMatching(/^r2 \(update 2: .*; r1 \(update 1: /) })],
    });
  });

  it("GIVEN a stack with no release THEN a rollback without --to is refused before the history is read", async () => {
    const stack = stackWith([]);
    await expect(findRollbackTarget(stack, undefined, undefined)).rejects.toMatchObject({ exitCode: 2, title: "Nothing to roll back on org/asc/aws-production" });
    expect(stack.pages).toEqual([]);
  });

  it("GIVEN a production rollback THEN the confirmation names the run and the stack update it returns to", () => {
    const ctx = { plan: { kind: "rollback", stack: "aws-production" } } as unknown as RunContext;
    const state = { previous: { services: img("v2"), migration: img("v2").api }, images: img("v1"), rollbackOf: { runId: "r1", version: 12, startTime: "2026-11-20T10:15:00.000Z" } } as unknown as RunState;
    const question = confirmationQuestion(ctx, state, "provision", []);
    expect(question.split("\n").slice(0, 2)).toEqual([
      "rollback production stack aws-production: api ghcr.io/acme/api:v2, web ghcr.io/acme/web:v2 → api ghcr.io/acme/api:v1, web ghcr.io/acme/web:v1.",
      "The release of run r1 (stack update 12, 2026-11-20T10:15:00.000Z).",
    ]);
  });
});
