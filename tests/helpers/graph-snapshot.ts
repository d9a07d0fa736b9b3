/**
 * A frozen copy of the captured graph, so a test file can build a component (or a whole blueprint) once in
 * `beforeAll` and assert on it in many tests: `usePulumiMocks` clears the live graph before each test.
 */
import type { CapturedResource, GraphCapture } from "../../src/preview/graph-capture.js";

export interface GraphSnapshot {
  readonly resources: readonly CapturedResource[];
  byName(name: string): CapturedResource;
  byType(type: string): CapturedResource[];
}

export async function snapshotGraph(graph: GraphCapture): Promise<GraphSnapshot> {
  await graph.settled();
  const resources = [...graph.resources];
  return {
    resources,
    byName: (name) => {
      const hit = resources.find((r) => r.name === name);
      if (!hit) throw new Error(`no resource named ${name}; have: ${resources.map((r) => r.name).join(", ")}`);
      return hit;
    },
    byType: (type) => resources.filter((r) => r.type === type),
  };
}
