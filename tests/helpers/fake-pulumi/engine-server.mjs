/**
 * The fake engine server: runs engine.mjs calls for bin/pulumi inside the test process, so a preview or an up of the
 * fake costs a shell and a socket rather than a node start (~0.12 CPU-s each on these machines, ~190 per suite).
 * bin/pulumi still is the process the Automation API starts, with its own exit code, stdout and stderr, and the
 * engine events still reach the SDK's gRPC server over HTTP/2 from outside the SDK.
 *
 * Not modelled here: signals (a SIGINT reaches the shell client, not the engine) and stdin. bin/pulumi sends the
 * calls that need them (FAKE_PULUMI_HANG, FAKE_PULUMI_SIGNALS, `config`) to fake-pulumi.mjs in its own process.
 *
 * The protocol (engine-client.bash): the client writes NUL-terminated fields: the working directory, the argument
 * count, the arguments, the count of environment entries and the entries (NAME=value: the FAKE_PULUMI_* and PULUMI_*
 * variables). The server answers with three NUL-terminated fields, the exit code, stdout and stderr, and closes.
 */
import net from "node:net";
import { runFakePulumi } from "./engine.mjs";

/** The request's fields once all have arrived, or undefined while some are missing. */
function parseRequest(buffer) {
  const fields = [];
  let start = 0;
  for (let i = 0; i < buffer.length; i++) {
    if (buffer[i] === 0) {
      fields.push(buffer.subarray(start, i).toString("utf8"));
      start = i + 1;
    }
  }
  if (fields.length < 2) return undefined;
  const argc = Number(fields[1]);
  if (fields.length < 3 + argc) return undefined;
  const envc = Number(fields[2 + argc]);
  if (fields.length < 3 + argc + envc) return undefined;
  const env = {};
  for (const entry of fields.slice(3 + argc, 3 + argc + envc)) {
    const eq = entry.indexOf("=");
    env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return { cwd: fields[0], argv: fields.slice(2, 2 + argc), env };
}

/** Starts a server on 127.0.0.1 and resolves to its address ("127.0.0.1:<port>") and a close function. */
export async function startFakeEngineServer() {
  const sockets = new Set();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {}); // a client killed mid-call (a signal to the shell) is not the engine's failure
    let buffer = Buffer.alloc(0);
    let started = false;
    socket.on("data", async (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      const request = started ? undefined : parseRequest(buffer);
      if (!request) return;
      started = true;
      let result;
      try {
        result = await runFakePulumi(request);
      } catch (e) {
        result = { code: 1, stdout: "", stderr: `fake pulumi engine crashed: ${e instanceof Error ? e.stack : String(e)}\n` };
      }
      socket.end(Buffer.concat([Buffer.from(`${result.code}\0`), Buffer.from(`${result.stdout}\0`, "utf8"), Buffer.from(`${result.stderr}\0`, "utf8")]));
    });
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  server.unref();
  return {
    address: `127.0.0.1:${server.address().port}`,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
