// The portal as a separate operating-system process (issue 11): the production entry
// (server/index.ts) spawned with its own database, so a test can load it over HTTP, SIGKILL it in the
// middle of work and start it again on the same data. Shared by the load and fault tests.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { DEMO_PASSWORD } from "../../seeds/demo";

export const root = path.resolve(import.meta.dirname, "../..");

/** The origin check and the bot check want a browser-like request. */
export const BROWSER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";

export interface PortalProcess {
  base: string;
  port: number;
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** SIGTERM, then SIGKILL after 15 s. */
  stop(): Promise<void>;
  /** SIGKILL now: no shutdown handler runs, nothing is flushed. */
  kill(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts server/index.ts (it migrates, and seeds the demo offices into an empty database unless
 * SEED_DEMO=0) and waits until /healthz answers 200. `env` chooses the database: PGLITE_DATA_DIR for
 * a folder, DATABASE_URL for PostgreSQL. Rejects with the process's output if it exits first.
 */
export async function startPortal(env: Record<string, string>, options: { timeoutMs?: number } = {}): Promise<PortalProcess> {
  const port = await freePort();
  let log = "";
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      INSECURE_COOKIES: "1",
      LOG_REQUESTS: "0",
      SESSION_SECRET: "reliability-session-secret",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk) => (log += String(chunk)));
  child.stderr!.on("data", (chunk) => (log += String(chunk)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  const portal: PortalProcess = {
    base,
    port,
    child,
    output: () => log,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGKILL");
        await exited;
      }
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGKILL");
      await exited;
    },
  };
  const deadline = Date.now() + (options.timeoutMs ?? 180_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the portal exited (${child.exitCode ?? child.signalCode}) before it answered:\n${log}`);
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) return portal;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await portal.kill();
      throw new Error(`the portal did not answer /healthz in ${(options.timeoutMs ?? 180_000) / 1000} s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Signs in through the real login form; returns the session cookie ("name=value"). */
export async function signIn(base: string, employeeNo: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: base, "user-agent": BROWSER_AGENT },
    body: new URLSearchParams({ employeeNo, password, redirectTo: "/" }),
  });
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0];
  if (res.status !== 302 || !cookie) throw new Error(`sign-in of ${employeeNo} failed (${res.status})`);
  return cookie;
}

/**
 * Waits until the process's output passes `test`: the moment to interrupt a piece of work is when its
 * log line appears (SLOW_QUERY_MS=0 prints every query). Rejects if the process exits or time runs out.
 */
export async function waitForOutput(portal: PortalProcess, test: (output: string) => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test(portal.output())) {
    const { exitCode, signalCode } = portal.child;
    if (exitCode !== null || signalCode !== null) throw new Error(`the portal exited (${exitCode ?? signalCode}) before the awaited output:\n${portal.output().slice(-4000)}`);
    if (Date.now() > deadline) throw new Error(`the awaited output did not appear in ${timeoutMs / 1000} s:\n${portal.output().slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
