// The portal's entry: opens the database (PGlite by default, PostgreSQL with DATABASE_URL),
// migrates, seeds a demo office into an empty database, serves, and closes cleanly on SIGTERM.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { createDb, migrateToLatest } from "../db/connect";
import { seedDemoIfEmpty } from "../seeds/demo";
import { finishExpiredAttempts } from "../app/modules/quizzes/attempts.server";
import { createApp } from "./app";

const root = path.resolve(import.meta.dirname, "..");
const databaseUrl = process.env.DATABASE_URL || undefined;
const dataDir = path.resolve(root, process.env.PGLITE_DATA_DIR ?? "data/pglite");
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";

function ensureSessionSecret() {
  if (process.env.SESSION_SECRET) return;
  if (databaseUrl && process.env.NODE_ENV === "production") {
    throw new Error("Set SESSION_SECRET (a long random string, the same on every app process) when running on PostgreSQL in production.");
  }
  // Embedded use: one random secret kept beside the data folder, so sessions survive restarts.
  const file = path.join(path.dirname(dataDir), "session-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  process.env.SESSION_SECRET = fs.readFileSync(file, "utf8").trim();
}

async function main() {
  ensureSessionSecret();
  const handle = await createDb(databaseUrl ? { databaseUrl } : { dataDir });
  try {
    await migrateToLatest(handle.db);
    if (process.env.SEED_DEMO !== "0") {
      const seeded = await seedDemoIfEmpty(handle.db);
      if (seeded) console.log(`Seeded the demo offices (${seeded.users} people).`);
    }
  } catch (error) {
    await handle.close();
    throw error;
  }

  // REMIX_OUT: the build made into a folder of its own (remix.config.js).
  const out = process.env.REMIX_OUT ? path.resolve(root, process.env.REMIX_OUT) : root;
  const build = (await import(pathToFileURL(path.join(out, "build/index.js")).href)) as ServerBuild;
  const app = createApp({ build, db: handle.db, publicDir: path.join(root, "public"), assetsBuildDir: path.join(out, "public", "build"), log: process.env.LOG_REQUESTS !== "0" });
  const server = app.listen(port, host, () => {
    console.log(`府北學習與品質管理平臺 on http://${host === "127.0.0.1" ? "localhost" : host}:${port} (${handle.kind}${handle.kind === "pglite" ? `: ${path.relative(root, dataDir)}` : ""})`);
  });

  // Attempts whose time ran out while nobody looked are submitted with what they saved, so lists and
  // statistics count them even before anyone opens them again (reads also do it lazily).
  const sweep = setInterval(() => {
    finishExpiredAttempts(handle.db).catch((error) => console.error("expired-attempt sweep:", error));
  }, 60_000);
  sweep.unref();

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal}: closing`);
    clearInterval(sweep);
    server.close(async () => {
      await handle.close();
      process.exit(0);
    });
    server.closeAllConnections();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
