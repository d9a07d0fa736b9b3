/** Types for deploy-summary.mjs (plain Node ESM, run by deploy.yml). */
export interface RunEndEvent {
  readonly ts: string;
  readonly runId: string;
  readonly type: "run.end";
  readonly status: string;
  readonly exitCode: number;
  readonly report: { readonly json: string; readonly markdown: string } | null;
}
export declare function runEndEvent(ndjson: string): RunEndEvent | null;
export declare function deploySummary(ndjson: string, readReport: (file: string) => string | null): string;
