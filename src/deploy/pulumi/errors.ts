/**
 * Failures of the Pulumi CLI as the pipeline sees them: a locked stack, a missing stack, or a failed command,
 * with the CLI's own error lines. Pure (the Automation API's error classes are mapped in automation.ts).
 */
export type PulumiFailureKind = "locked" | "stack-not-found" | "failed";

export class PulumiCommandFailure extends Error {
  constructor(
    readonly kind: PulumiFailureKind,
    /** The CLI's output (stderr, then stdout) as the SDK reported it; may hold anything the CLI printed. */
    readonly detail: string,
  ) {
    super(summarizePulumiOutput(detail));
    this.name = "PulumiCommandFailure";
  }
}

export const isPulumiCommandFailure = (e: unknown): e is PulumiCommandFailure => e instanceof Error && e.name === "PulumiCommandFailure";

/** The lines worth showing: the CLI's `error:` lines, else the last few lines (execa's "Command failed…" header dropped). */
export function summarizePulumiOutput(text: string, maxLines = 8): string {
  const lines = text
    .split("\n")
    .map((l) => l.trimEnd())
    .filter((l) => l.trim().length > 0 && !/^Command failed with exit code/.test(l));
  const errorAt = lines.findIndex((l) => /^\s*error:/.test(l));
  const picked = errorAt >= 0 ? lines.slice(errorAt, errorAt + maxLines) : lines.slice(-maxLines);
  return picked.join("\n") || "the Pulumi CLI failed without a message";
}

/** What holds the lock, from the DIY backend's "locked by" message (the lock file and who created it), if named. */
export function describeLock(text: string): string | undefined {
  const lines = text.split("\n").map((l) => l.trim());
  const holder = lines.find((l) => /created by|\.json:/.test(l));
  if (holder) return holder;
  return lines.find((l) => /locked by|Another update is currently in progress/.test(l));
}
