/**
 * Renderers of pipeline events: NDJSON with --json (one event per line, the last naming the report), plain lines
 * in CI (each prefixed with the run id), and a TTY display with symbols, colours and a live line for resources in
 * progress. Pure formatting over an output stream.
 */
import type { EventSink, PipelineEvent } from "../../deploy/pipeline/events.js";
import type { OutputStream } from "../context.js";

export type RendererKind = "tty" | "plain" | "ndjson";

export function chooseRenderer(json: boolean, stdout: OutputStream): RendererKind {
  if (json) return "ndjson";
  return stdout.isTTY ? "tty" : "plain";
}

const OP_SYMBOL: Record<string, string> = { create: "+", update: "~", delete: "-", replace: "+-", "create-replacement": "++", "delete-replaced": "--", read: ">", import: "=", refresh: "~" };
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const changesText = (c: Readonly<Record<string, number>>) => Object.entries(c).map(([op, n]) => `${op} ${n}`).join(", ") || "no changes";

/** The text of one event, or undefined when the event is not shown in human output. */
export function describeEvent(e: PipelineEvent): { text: string; level: "info" | "ok" | "warn" | "error" } | undefined {
  switch (e.type) {
    case "run.start":
      return { text: `asc ${e.kind} ${e.profile} (${e.cloud}, ${e.tier}): ${e.phases.join(" → ")}`, level: "info" };
    case "phase.start":
      return { text: `${e.phase}: started${e.detail ? ` (${e.detail})` : ""}`, level: "info" };
    case "phase.end": {
      const head = `${e.phase}: ${e.result} in ${seconds(e.durationMs)}`;
      const level = e.result === "succeeded" ? "ok" : e.result === "skipped" ? "info" : e.result === "cancelled" ? "warn" : "error";
      return { text: e.message ? `${head}\n${e.message.split("\n").map((l) => `    ${l}`).join("\n")}` : head, level };
    }
    case "resource":
      if (e.status === "started") return undefined;
      return { text: `${e.phase}:   ${OP_SYMBOL[e.op] ?? e.op} ${e.op} ${e.name} (${e.resourceType})${e.status === "failed" ? " FAILED" : ""}`, level: e.status === "failed" ? "error" : "info" };
    case "diagnostic":
      return { text: `${e.phase}: ${e.severity}: ${e.message}`, level: e.severity === "error" ? "error" : "warn" };
    case "policy":
      return { text: `${e.phase}: policy [${e.enforcement}] ${e.policy}${e.urn ? ` on ${e.urn.split("::").pop()}` : ""}: ${e.message}`, level: e.enforcement === "mandatory" ? "error" : "warn" };
    case "changes":
      return { text: `${e.phase}: resources: ${changesText(e.changes)}${e.durationSeconds !== undefined ? ` (${e.durationSeconds} s)` : ""}`, level: "info" };
    case "migration":
      return { text: `${e.phase}: ${e.step ? `release step ${e.step}` : "migration"} ${e.status}${e.exitCode !== undefined ? ` (exit ${e.exitCode})` : ""}${e.reason ? `: ${e.reason}` : ""}${e.runRef ? ` [${e.runRef}]` : ""}`, level: e.status === "succeeded" ? "ok" : "error" };
    case "health":
      return { text: `${e.phase}: ${e.ok ? "healthy" : "UNHEALTHY"} ${e.service} ${e.url} (${e.lastStatus !== undefined ? `HTTP ${e.lastStatus}` : (e.lastError ?? "no answer")}, ${e.attempts} attempt(s))`, level: e.ok ? "ok" : "error" };
    case "log":
      return { text: `${e.phase ?? "run"}: ${e.level === "info" ? "" : `${e.level === "warn" ? "warning" : "error"}: `}${e.message}`, level: e.level === "info" ? "info" : e.level };
    case "run.end":
      return { text: `${e.status} (exit ${e.exitCode})${e.report ? `; report: ${e.report.json} and ${e.report.markdown}` : "; no report written"}`, level: e.status === "succeeded" ? "ok" : e.status === "cancelled" ? "warn" : "error" };
  }
}

export function ndjsonRenderer(out: OutputStream): EventSink {
  return (e) => out.write(`${JSON.stringify(e)}\n`);
}

export function plainRenderer(out: OutputStream): EventSink {
  return (e) => {
    const d = describeEvent(e);
    if (!d) return;
    out.write(`${d.text.split("\n").map((line) => `[${e.runId}] ${line}`).join("\n")}\n`);
  };
}

const COLOR = { info: "", ok: "\x1b[32m", warn: "\x1b[33m", error: "\x1b[31m" } as const;
const RESET = "\x1b[0m";
const CLEAR_LINE = "\r\x1b[2K";

/** Like plain lines (run id first, dimmed), with colours and a live line naming the resources in progress. */
export function ttyRenderer(out: OutputStream): EventSink {
  const active = new Map<string, string>();
  let live = false;
  const clearLive = () => {
    if (live) out.write(CLEAR_LINE);
    live = false;
  };
  const drawLive = () => {
    if (active.size === 0) return;
    const names = [...active.values()];
    out.write(`\x1b[2m… ${active.size} in progress: ${names.slice(0, 3).join(", ")}${names.length > 3 ? ", …" : ""}${RESET}`);
    live = true;
  };
  return (e) => {
    if (e.type === "resource") {
      if (e.status === "started") active.set(e.urn, e.name);
      else active.delete(e.urn);
    }
    if (e.type === "phase.end") active.clear();
    const d = describeEvent(e);
    clearLive();
    if (d) {
      const prefix = `\x1b[2m[${e.runId}]${RESET} `;
      out.write(`${d.text.split("\n").map((line) => `${prefix}${COLOR[d.level]}${line}${COLOR[d.level] ? RESET : ""}`).join("\n")}\n`);
    }
    drawLive();
  };
}

export function createRenderer(kind: RendererKind, out: OutputStream): EventSink {
  return kind === "ndjson" ? ndjsonRenderer(out) : kind === "tty" ? ttyRenderer(out) : plainRenderer(out);
}
