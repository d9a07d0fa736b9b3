/** Types for preview-comment.mjs (plain Node ESM, imported by actions/github-script in preview.yml). */
export interface ContractChange {
  readonly service: string;
  readonly name: string;
  readonly change: "added" | "removed" | "changed";
  readonly before?: string;
  readonly after?: string;
}
export interface PolicyResult {
  readonly policy: string;
  readonly urn: string;
  readonly enforcement: string;
  readonly message: string;
}
/** The fields of `asc preview --json` (the online preview result, version 1) that the comment reads. */
export interface PreviewResult {
  readonly version?: number;
  readonly profile?: string;
  readonly stack?: string;
  readonly changes?: Record<string, number>;
  readonly resources?: readonly { readonly op: string; readonly name: string; readonly type: string; readonly urn: string }[];
  readonly diagnostics?: readonly { readonly severity: string; readonly message: string }[];
  readonly contract?: { readonly changes: readonly ContractChange[]; readonly note?: string };
  readonly policies?: readonly PolicyResult[];
  readonly error?: string;
}
export interface CommentInput {
  readonly profile: string;
  readonly cloud?: string;
  readonly preview: PreviewResult | null;
  readonly exitCode: number | null;
  readonly stderr?: string;
  readonly runUrl?: string;
  readonly sha?: string;
}
export interface GitHubComment {
  readonly id: number;
  readonly body?: string;
  readonly user?: { readonly type?: string } | null;
}
export interface GitHubLike {
  paginate(method: unknown, params: Record<string, unknown>): Promise<GitHubComment[]>;
  rest: {
    issues: {
      listComments: unknown;
      updateComment(params: { owner: string; repo: string; comment_id: number; body: string }): Promise<unknown>;
      createComment(params: { owner: string; repo: string; issue_number: number; body: string }): Promise<{ data: { id: number } }>;
    };
  };
}
export interface UpsertResult {
  readonly profile: string;
  readonly action: "created" | "updated";
  readonly id: number;
}
export declare const COMMENT_LIMIT: number;
export declare const EXIT_MEANINGS: Record<number, string>;
export declare function previewMarker(profile: string): string;
export declare function hasChanges(changeSummary: Record<string, number> | null | undefined): boolean | null;
export declare function changeSummaryOf(preview: PreviewResult | null | undefined): Record<string, number> | null;
export declare function describeChanges(changeSummary: Record<string, number> | null | undefined): string;
export declare function describeContractDiff(contract: PreviewResult["contract"] | null | undefined): string;
export declare function describeResources(resources: PreviewResult["resources"] | null | undefined): string | null;
export declare function describeDiagnostics(diagnostics: PreviewResult["diagnostics"] | null | undefined): string | null;
export declare function describePolicies(policies: readonly PolicyResult[] | null | undefined): string;
export declare function renderPreviewComment(input: CommentInput): string;
export declare function upsertComment(args: { github: GitHubLike; owner: string; repo: string; issueNumber: number; profile: string; body: string }): Promise<UpsertResult>;
export declare function readPreviewResult(dir: string, profile: string): CommentInput;
export declare function postPreviewComments(args: {
  github: GitHubLike;
  context: { repo: { owner: string; repo: string }; issue: { number: number } };
  dir: string;
  matrix: string | { include: { profile: string }[] };
  runUrl?: string;
}): Promise<UpsertResult[]>;
