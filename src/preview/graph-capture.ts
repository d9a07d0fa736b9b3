/**
 * Captures the whole resource graph of a program run under `pulumi.runtime.setMocks`: type, name, parent,
 * dependencies and inputs of every resource, which the mock's `newResource` alone does not show. It wraps the
 * live monitor's `registerResource` (see shared/docs/pulumi-notes.md §1). Secrets in inputs become "[secret]".
 */
import * as pulumi from "@pulumi/pulumi";

const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export const SECRET_PLACEHOLDER = "[secret]";
export const UNKNOWN_PLACEHOLDER = "[unknown]";

export interface CapturedResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  readonly parent?: string;
  readonly dependencies: string[];
  readonly propertyDependencies: Record<string, string[]>;
  /** Inputs as the engine would receive them, with secrets replaced by "[secret]". */
  readonly inputs: Record<string, unknown>;
  /** Input paths (top-level keys) that hold a secret. */
  readonly secretInputs: string[];
  readonly protect: boolean;
  readonly ignoreChanges: string[];
  readonly deleteBeforeReplace: boolean;
  readonly retainOnDelete: boolean;
  readonly aliases: number;
  readonly provider?: string;
  readonly additionalSecretOutputs: string[];
}

export interface GraphCapture {
  readonly resources: CapturedResource[];
  /** Outputs registered by components (and the stack), by URN, sanitized like inputs. */
  readonly componentOutputs: Map<string, Record<string, unknown>>;
  /** Resolves once no registration has been in flight for a few turns of the event loop. */
  settled(): Promise<void>;
  byType(type: string): CapturedResource[];
  byName(name: string): CapturedResource;
  reset(): void;
}

/** Replaces Pulumi's wire-format markers: secrets → "[secret]", resource refs → their URN, unknowns → "[unknown]". */
export function sanitizeWireValue(value: unknown, onSecret: () => void = () => undefined): unknown {
  if (value === UNKNOWN) return UNKNOWN_PLACEHOLDER;
  if (Array.isArray(value)) return value.map((v) => sanitizeWireValue(v, onSecret));
  if (value && typeof value === "object") {
    const obj = value as Record<string, unknown>;
    const sig = obj[SIG_KEY];
    if (sig === SECRET_SIG) {
      onSecret();
      return SECRET_PLACEHOLDER;
    }
    if (sig === RESOURCE_SIG) return obj.urn;
    if (sig === OUTPUT_SIG) {
      if (obj.secret) {
        onSecret();
        return SECRET_PLACEHOLDER;
      }
      return "value" in obj ? sanitizeWireValue(obj.value, onSecret) : UNKNOWN_PLACEHOLDER;
    }
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, sanitizeWireValue(v, onSecret)]));
  }
  return value;
}

interface ProtoStruct {
  toJavaScript(): Record<string, unknown>;
}
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getCustom(): boolean;
  getParent(): string;
  getObject(): ProtoStruct | undefined;
  getDependenciesList(): string[];
  getPropertydependenciesMap(): { forEach(cb: (v: { getUrnsList(): string[] }, k: string) => void): void };
  getProtect(): boolean | undefined;
  getIgnorechangesList(): string[];
  getDeletebeforereplace(): boolean;
  getRetainondelete(): boolean | undefined;
  getAliasesList(): unknown[];
  getProvider(): string;
  getAdditionalsecretoutputsList(): string[];
}
type Callback = (err: Error | null, resp?: { getUrn(): string }) => void;
interface Monitor {
  registerResource(req: RegisterRequest, cb: Callback): void;
  registerResourceOutputs(req: { getUrn(): string; getOutputs(): ProtoStruct | undefined }, cb: (err: Error | null, resp?: unknown) => void): void;
}

function record(req: RegisterRequest, urn: string): CapturedResource {
  const secretInputs: string[] = [];
  const raw = req.getObject()?.toJavaScript() ?? {};
  const inputs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    inputs[key] = sanitizeWireValue(value, () => {
      if (!secretInputs.includes(key)) secretInputs.push(key);
    });
  }
  const propertyDependencies: Record<string, string[]> = {};
  req.getPropertydependenciesMap().forEach((v, k) => {
    propertyDependencies[k] = v.getUrnsList();
  });
  return {
    urn,
    type: req.getType(),
    name: req.getName(),
    custom: req.getCustom(),
    parent: req.getParent() || undefined,
    dependencies: req.getDependenciesList(),
    propertyDependencies,
    inputs,
    secretInputs,
    protect: req.getProtect() === true,
    ignoreChanges: req.getIgnorechangesList(),
    deleteBeforeReplace: req.getDeletebeforereplace(),
    retainOnDelete: req.getRetainondelete() === true,
    aliases: req.getAliasesList().length,
    provider: req.getProvider() || undefined,
    additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
  };
}

/** Call after `await pulumi.runtime.setMocks(...)` and before creating resources. */
export function captureGraph(): GraphCapture {
  const monitor = pulumi.runtime.getMonitor() as unknown as Monitor | undefined;
  if (!monitor) throw new Error("captureGraph: call pulumi.runtime.setMocks first");
  const resources: CapturedResource[] = [];
  const componentOutputs = new Map<string, Record<string, unknown>>();
  let inFlight = 0;
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, cb) => {
    inFlight++;
    register(req, (err, resp) => {
      inFlight--;
      if (!err && resp) resources.push(record(req, resp.getUrn()));
      cb(err, resp);
    });
  };
  const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
  monitor.registerResourceOutputs = (req, cb) => {
    componentOutputs.set(req.getUrn(), sanitizeWireValue(req.getOutputs()?.toJavaScript() ?? {}) as Record<string, unknown>);
    registerOutputs(req, cb);
  };
  const settled = async () => {
    for (let quiet = 0; quiet < 3; ) {
      await new Promise((r) => setImmediate(r));
      quiet = inFlight === 0 ? quiet + 1 : 0;
    }
  };
  return {
    resources,
    componentOutputs,
    settled,
    byType: (type) => resources.filter((r) => r.type === type),
    byName: (name) => {
      const hit = resources.find((r) => r.name === name);
      if (!hit) throw new Error(`no resource named ${name}; have: ${resources.map((r) => r.name).join(", ")}`);
      return hit;
    },
    reset: () => {
      resources.length = 0;
      componentOutputs.clear();
    },
  };
}
