export interface FakeStackState {
  outputs: Record<string, unknown>;
  secretOutputs: string[];
  history: unknown[];
}
export function writeStackState(file: string, state: FakeStackState): void;
