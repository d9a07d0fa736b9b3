import type { EngineEvent } from "../../../src/deploy/pulumi/gateway.js";
import { engineEventHandler } from "../../../src/deploy/pipeline/engine-events.js";
import { createEmitter, redactDeep, type PipelineEvent } from "../../../src/deploy/pipeline/events.js";
import { chooseRenderer, describeEvent, ndjsonRenderer, plainRenderer, ttyRenderer } from "../../../src/cli/lib/event-renderers.js";

const at = new Date("2026-11-21T12:00:00.000Z");
const collect = () => {
  const events: PipelineEvent[] = [];
  return { events, emitter: createEmitter("run-1", () => at, (e) => events.push(e), (s) => s.replaceAll("hunter2", "[redacted]")) };
};
const meta = (op: string, name: string) => ({ op, urn: `urn:pulumi:dev::asc::aws:ecs/service:Service::${name}`, type: "aws:ecs/service:Service", provider: "" }) as never;

describe("pipeline events", () => {
  it("GIVEN an emitted event THEN it carries ts, run id and phase, and every string in it is redacted", () => {
    const { events, emitter } = collect();
    emitter.emit("migrate", { type: "log", level: "error", message: "password hunter2 rejected" });
    expect(events).toEqual([{ ts: "2026-11-21T12:00:00.000Z", runId: "run-1", phase: "migrate", type: "log", level: "error", message: "password [redacted] rejected" }]);
  });

  it("GIVEN nested values THEN redactDeep reaches strings in arrays and objects and leaves the rest", () => {
    expect(redactDeep({ a: ["x-secret", 1, null], b: { c: "secret" }, d: true }, (s) => s.replace("secret", "*"))).toEqual({ a: ["x-*", 1, null], b: { c: "*" }, d: true });
  });

  it("GIVEN engine events THEN resources (not `same`), warnings, errors and policies become pipeline events; info diagnostics do not", () => {
    const { events, emitter } = collect();
    const handle = engineEventHandler(emitter, "provision");
    const engine: Partial<EngineEvent>[] = [
      { preludeEvent: { config: {} } },
      { resourcePreEvent: { metadata: meta("same", "unchanged") } },
      { resourcePreEvent: { metadata: meta("update", "app-api") } },
      { resOutputsEvent: { metadata: meta("update", "app-api") } },
      { resOpFailedEvent: { metadata: meta("create", "app-web"), status: 1, steps: 1 } },
      { diagnosticEvent: { message: "hello\n", color: "never", severity: "info" } },
      { diagnosticEvent: { message: "careful hunter2\n", color: "never", severity: "warning", urn: "urn:x" } },
      { policyEvent: { resourceUrn: "urn:y", message: "no public ip\n", color: "never", policyName: "asc-ecs-no-public-ip", policyPackName: "asc", policyPackVersion: "1", policyPackVersionTag: "1", enforcementLevel: "mandatory" } },
    ];
    for (const e of engine) handle({ sequence: 0, timestamp: 0, ...e } as EngineEvent);
    expect(events.map(({ ts: _t, runId: _r, ...rest }) => rest)).toEqual([
      { phase: "provision", type: "resource", status: "started", op: "update", urn: "urn:pulumi:dev::asc::aws:ecs/service:Service::app-api", name: "app-api", resourceType: "aws:ecs/service:Service" },
      { phase: "provision", type: "resource", status: "done", op: "update", urn: "urn:pulumi:dev::asc::aws:ecs/service:Service::app-api", name: "app-api", resourceType: "aws:ecs/service:Service" },
      { phase: "provision", type: "resource", status: "failed", op: "create", urn: "urn:pulumi:dev::asc::aws:ecs/service:Service::app-web", name: "app-web", resourceType: "aws:ecs/service:Service" },
      { phase: "provision", type: "diagnostic", severity: "warning", message: "careful [redacted]", urn: "urn:x" },
      { phase: "provision", type: "policy", policy: "asc-ecs-no-public-ip", enforcement: "mandatory", message: "no public ip", urn: "urn:y" },
    ]);
  });
});

describe("renderers", () => {
  const event = (body: Record<string, unknown>, phase: PipelineEvent["phase"] = "provision") => ({ ts: "t", runId: "run-1", phase, ...body }) as PipelineEvent;
  const sink = () => {
    let text = "";
    return { out: { write: (s: string) => (text += s) }, text: () => text };
  };

  it("GIVEN --json THEN NDJSON is chosen whatever the terminal, else TTY or plain", () => {
    expect([chooseRenderer(true, { write: () => 0, isTTY: true }), chooseRenderer(false, { write: () => 0, isTTY: true }), chooseRenderer(false, { write: () => 0 })]).toEqual(["ndjson", "tty", "plain"]);
  });

  it.each([
    [{ type: "phase.end", result: "failed", durationMs: 1500, message: "boom\nsecond" }, "provision: failed in 1.5 s\n    boom\n    second"],
    [{ type: "resource", status: "done", op: "replace", urn: "u", name: "db", resourceType: "aws:rds/instance:Instance" }, "provision:   +- replace db (aws:rds/instance:Instance)"],
    [{ type: "changes", changes: { create: 1, same: 3 }, durationSeconds: 4 }, "provision: resources: create 1, same 3 (4 s)"],
    [{ type: "health", service: "api", url: "https://a/health", ok: false, attempts: 3, lastError: "ECONNREFUSED", durationMs: 1 }, "provision: UNHEALTHY api https://a/health (ECONNREFUSED, 3 attempt(s))"],
    [{ type: "migration", status: "failed", exitCode: 2, reason: "EssentialContainerExited" }, "provision: migration failed (exit 2): EssentialContainerExited"],
    [{ type: "run.end", status: "failed", exitCode: 4, report: null }, "failed (exit 4); no report written"],
  ])("GIVEN %j THEN the human text is %j", (body, text) => {
    expect(describeEvent(event(body))?.text).toBe(text);
  });

  it("GIVEN a started resource THEN plain output shows nothing for it", () => {
    expect(describeEvent(event({ type: "resource", status: "started", op: "create", urn: "u", name: "n", resourceType: "t" }))).toBeUndefined();
  });

  it("GIVEN plain lines THEN every line (continuations too) starts with the run id", () => {
    const s = sink();
    plainRenderer(s.out)(event({ type: "phase.end", result: "failed", durationMs: 0, message: "a\nb" }));
    expect(s.text()).toBe("[run-1] provision: failed in 0.0 s\n[run-1]     a\n[run-1]     b\n");
  });

  it("GIVEN NDJSON THEN one JSON object per line", () => {
    const s = sink();
    ndjsonRenderer(s.out)(event({ type: "log", level: "info", message: "hi" }, null));
    expect(s.text()).toBe('{"ts":"t","runId":"run-1","phase":null,"type":"log","level":"info","message":"hi"}\n');
  });

  it("GIVEN a TTY THEN resources in progress show on a live line that is cleared before the next permanent line", () => {
    const s = sink();
    const render = ttyRenderer(s.out);
    render(event({ type: "resource", status: "started", op: "update", urn: "u1", name: "app-api", resourceType: "t" }));
    expect(s.text()).toBe("\x1b[2m… 1 in progress: app-api\x1b[0m");
    render(event({ type: "resource", status: "done", op: "update", urn: "u1", name: "app-api", resourceType: "t" }));
    expect(s.text()).toBe("\x1b[2m… 1 in progress: app-api\x1b[0m\r\x1b[2K\x1b[2m[run-1]\x1b[0m provision:   ~ update app-api (t)\n");
  });
});
