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

export interface PulumiMockOptions {
  region?: string;
  project?: string;
  stack?: string;
  /** Sees every registration with its plaintext inputs (for asserting on a secret's value without printing it). */
  onNewResource?: (args: pulumi.runtime.MockResourceArgs) => void;
}

export function usePulumiMocks(options: PulumiMockOptions = {}): MockedPulumi {
  let graph: GraphCapture | undefined;
  beforeAll(async () => {
    const mocks = offlineMocks({ region: options.region ?? "eu-west-1" });
    const spied: pulumi.runtime.Mocks = options.onNewResource
      ? { ...mocks, newResource: (args) => (options.onNewResource!(args), mocks.newResource(args)) }
      : mocks;
    await pulumi.runtime.setMocks(spied, options.project ?? "asc", options.stack ?? "test", false);
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

/** A plaintext input as the mocks receive it: secrets arrive wrapped (`{ <sig>: <secret sig>, value }`). */
export function unwrapSecret(value: unknown): unknown {
  const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
  if (value && typeof value === "object" && Object.values(value).includes(SECRET_SIG) && "value" in value) return unwrapSecret((value as { value: unknown }).value);
  return value;
}
