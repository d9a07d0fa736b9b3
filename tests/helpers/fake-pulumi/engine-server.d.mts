/** Types of engine-server.mjs for the TypeScript tests. */
export interface FakeEngineServer {
  /** "127.0.0.1:<port>", what bin/pulumi reads from FAKE_PULUMI_ENGINE. */
  readonly address: string;
  close(): Promise<void>;
}

export function startFakeEngineServer(): Promise<FakeEngineServer>;
