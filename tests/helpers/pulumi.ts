/**
 * Test helpers for components and programs under Pulumi mocks. Call `usePulumiMocks()` at the top of a test file:
 * it installs the offline mocks in beforeAll and clears the captured graph before each test.
 */
import * as pulumi from "@pulumi/pulumi";
import { captureGraph, type GraphCapture } from "../../src/preview/graph-capture.js";
import { offlineMocks } from "../../src/preview/mocks.js";

/** Resolves an Output's value (never call it on an output the mocks did not register: it would hang). */
export const promiseOf = <T>(output: pulumi.Output<T>): Promise<T> => new Promise((resolve) => output.apply(resolve));

export interface MockedPulumi {
  /** The captured graph; filled as resources register. */
  readonly graph: GraphCapture;
}

export function usePulumiMocks(options: { region?: string; project?: string; stack?: string } = {}): MockedPulumi {
  let graph: GraphCapture | undefined;
  beforeAll(async () => {
    await pulumi.runtime.setMocks(offlineMocks({ region: options.region ?? "eu-west-1" }), options.project ?? "asc", options.stack ?? "test", false);
    graph = captureGraph();
  });
  beforeEach(() => graph?.reset());
  return {
    get graph(): GraphCapture {
      if (!graph) throw new Error("usePulumiMocks: graph is only available inside tests");
      return graph;
    },
  };
}

/** Waits until every resource created so far has registered (outputs resolve after registration). */
export async function settle(...outputs: pulumi.Output<unknown>[]): Promise<void> {
  await Promise.all(outputs.map((o) => promiseOf(o)));
  await new Promise((r) => setTimeout(r, 0));
}
