export interface FakeStackState {
  outputs: Record<string, unknown>;
  /** Paths of the secret values: "key", or "key.nested.path" for a value inside an output. */
  secretOutputs: string[];
  history: unknown[];
  /** --secrets-provider of `stack init`, when given. */
  secretsProvider?: string;
}
export function maskOutputs(outputs: Record<string, unknown>, secretOutputs: readonly string[]): Record<string, unknown>;
export function writeStackState(file: string, state: FakeStackState): void;
