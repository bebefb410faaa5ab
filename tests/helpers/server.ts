// Starts the real Express entry (server/app.ts: security headers, origin check, static files,
// Remix handler) on a free port with the built server bundle, for tests that need real HTTP.
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { createApp } from "../../server/app";

const root = path.resolve(import.meta.dirname, "../..");

export async function loadServerBuild(): Promise<ServerBuild> {
  const file = path.join(root, "build/index.js");
  try {
    return (await import(/* @vite-ignore */ pathToFileURL(file).href)) as ServerBuild;
  } catch (error) {
    throw new Error(`Could not load ${file}: run \`npx remix build\` first (npm test does). ${String(error)}`);
  }
}

export interface RunningServer {
  origin: string;
  close(): Promise<void>;
}

export async function startServer(db: Kysely<Database>): Promise<RunningServer> {
  const app = createApp({ build: await loadServerBuild(), db, log: false, publicDir: path.join(root, "public") });
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
