// Starts the real portal once for every journey: `npx tsx server/index.ts` on a free port with a
// fresh PGlite folder (first start migrates and seeds the demo offices), waits for /healthz, and
// at the end stops it with SIGTERM and checks that it closed cleanly (server/index.ts shutdown hook).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    e2eBaseUrl: string;
  }
}

const root = path.resolve(import.meta.dirname, "../../..");
const STARTUP_TIMEOUT_MS = 60_000;
const SHUTDOWN_TIMEOUT_MS = 15_000;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Resolves once npx has exited and every process holding its output (tsx, node) has gone too. */
function closed(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    if (child.stdout?.closed && child.stderr?.closed && (child.exitCode !== null || child.signalCode !== null)) {
      resolve({ code: child.exitCode, signal: child.signalCode });
    } else {
      child.once("close", (code, signal) => resolve({ code, signal }));
    }
  });
}

/**
 * The process that actually serves: npx → sh → tsx → node, the deepest one running server/index.ts.
 * SIGTERM goes to it alone, as a process manager's would, so its exit code travels back up through
 * tsx and npx (a signal sent to npx kills npm before the server has closed).
 */
function serverProcess(rootPid: number): number {
  const parents = new Map<number, number>();
  const commands = new Map<number, string>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // pid (comm) state ppid …: comm may hold spaces, so read after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(Number(entry), ppid);
      commands.set(Number(entry), fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").replace(/\0/g, " "));
    } catch {
      // the process ended while we looked
    }
  }
  const depthBelowRoot = (pid: number): number => {
    let depth = 0;
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parents.get(p), depth++) {
      if (p === rootPid) return depth;
    }
    return -1;
  };
  let best = rootPid;
  let bestDepth = 0;
  for (const [pid, command] of commands) {
    const depth = depthBelowRoot(pid);
    if (depth > bestDepth && command.includes("server/index.ts")) {
      best = pid;
      bestDepth = depth;
    }
  }
  return best;
}

function killGroup(child: ChildProcess) {
  // The server runs in its own process group (npx → tsx → node): take the whole group down.
  try {
    if (child.pid) process.kill(-child.pid, "SIGKILL");
  } catch {
    // already gone
  }
}

export default async function setup(project: TestProject) {
  if (!fs.existsSync(path.join(root, "build/index.js"))) {
    throw new Error("build/index.js is missing: run `npm run test:e2e` (it runs `remix build` first).");
  }
  // Screenshots describe this run only.
  fs.rmSync(path.join(root, "screenshots/e2e"), { recursive: true, force: true });
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "fubei-e2e-"));
  // The server keeps its session secret beside the data folder, so both stay inside tempDir.
  const dataDir = path.join(tempDir, "pglite");
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;

  let output = "";
  const child = spawn("npx", ["tsx", "server/index.ts"], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", PGLITE_DATA_DIR: dataDir, LOG_REQUESTS: "0", DATABASE_URL: "" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const serverLog = () => `--- server output ---\n${output.trim()}\n---------------------`;

  // Wait for GET /healthz = 200 (first start migrates and seeds; allow a minute).
  const started = Date.now();
  let healthy = false;
  while (Date.now() - started < STARTUP_TIMEOUT_MS) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    try {
      const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) {
        healthy = true;
        break;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  if (!healthy) {
    killGroup(child);
    await Promise.race([closed(child), new Promise((r) => setTimeout(r, SHUTDOWN_TIMEOUT_MS))]);
    fs.rmSync(tempDir, { recursive: true, force: true });
    throw new Error(`The server did not answer GET ${baseUrl}/healthz with 200 within ${STARTUP_TIMEOUT_MS / 1000} s.\n${serverLog()}`);
  }
  console.log(`e2e: server ready at ${baseUrl} in ${((Date.now() - started) / 1000).toFixed(1)} s (data: ${dataDir})`);
  project.provide("e2eBaseUrl", baseUrl);
  child.once("exit", (code, signal) => {
    if (!stopping) console.error(`e2e: the server exited early (${code ?? signal}).\n${serverLog()}`);
  });
  let stopping = false;

  return async () => {
    stopping = true;
    const waitClosed = () =>
      Promise.race([closed(child), new Promise<"timeout">((r) => setTimeout(() => r("timeout"), SHUTDOWN_TIMEOUT_MS))]);
    try {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`The server stopped before the journeys ended (${child.exitCode ?? child.signalCode}).\n${serverLog()}`);
      }
      const serverPid = serverProcess(child.pid!);
      process.kill(serverPid, "SIGTERM");
      const result = await waitClosed();
      if (result === "timeout") {
        throw new Error(`The server did not exit within ${SHUTDOWN_TIMEOUT_MS / 1000} s of SIGTERM.\n${serverLog()}`);
      }
      if (result.code !== 0) {
        throw new Error(`npx tsx server/index.ts exited with ${result.code ?? result.signal} after SIGTERM to the server (pid ${serverPid}; expected 0).\n${serverLog()}`);
      }
      if (!output.includes("SIGTERM: closing")) {
        throw new Error(`The server exited without running its SIGTERM shutdown hook.\n${serverLog()}`);
      }
      console.log("e2e: server stopped cleanly on SIGTERM");
    } finally {
      // Nothing left behind whatever happened: the whole process group, then the data folder.
      killGroup(child);
      await waitClosed();
      fs.rmSync(tempDir, { recursive: true, force: true });
    }
  };
}
