import { randomBytes } from "node:crypto";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ActionFunction, LoaderFunction, ServerBuild } from "@remix-run/node";
import express, { type NextFunction, type Request, type Response } from "express";
import type { Kysely } from "kysely";
import { isDatabaseUnavailable } from "../db/connect";
import type { Database } from "../db/schema";
import { dataChanged } from "../app/modules/dashboard/cache.server";

export interface AppOptions {
  build: ServerBuild;
  db: Kysely<Database>;
  /** Extra origins allowed to POST (e.g. the public https name behind a proxy). */
  allowedOrigins?: string[];
  /** Log one line per request (off in tests). */
  log?: boolean;
  publicDir?: string;
  /** Where `remix build` put the browser assets (served under /build); `<publicDir>/build` by default. */
  assetsBuildDir?: string;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    // Remix's inline hydration scripts carry the nonce; the modules they import are trusted through them.
    `script-src 'nonce-${nonce}' 'strict-dynamic'`,
    // Mantine sets style attributes and a CSS-variables <style>; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join("; ");
}

function securityHeaders(production: boolean) {
  return (_req: Request, res: Response, next: NextFunction) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce));
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Cross-Origin-Resource-Policy", "same-origin");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
    if (production) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  };
}

/**
 * CSRF defence in depth beside SameSite=Lax cookies: a state-changing request from another site is
 * refused before it reaches any action, whichever route it targets (ARCHITECTURE.md, Security).
 */
export function originCheck(allowedOrigins: string[] = []) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const fetchSite = req.get("sec-fetch-site");
    if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") return refuse(res);
    const origin = req.get("origin");
    if (origin) {
      const own = `${req.protocol}://${req.get("host")}`;
      if (origin !== own && !allowedOrigins.includes(origin)) return refuse(res);
    }
    next();
  };
}

function refuse(res: Response) {
  res.status(403).type("text/plain; charset=utf-8").send("跨站請求已被拒絕 (cross-site request refused)");
}

function requestLog(req: Request, res: Response, next: NextFunction) {
  const started = process.hrtime.bigint();
  res.on("finish", () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    // Path only: query strings may carry search terms people typed.
    console.log(JSON.stringify({ at: new Date().toISOString(), method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 }));
  });
  next();
}

/** Seconds a browser or proxy is asked to wait before trying again while the database is away. */
export const RETRY_AFTER_SECONDS = 15;

/**
 * While PostgreSQL restarts, every loader and action fails to reach it. Remix 2 has no middleware
 * for loader errors, and in production it turns every thrown Error into a generic 500, so the
 * reason would be lost. Each route's loader and action is wrapped once here instead: an
 * unreachable database becomes a thrown 503 Response, which the error boundaries show as "the
 * database is briefly unavailable, try again in a moment" (app/root.tsx) and /healthz returns as
 * is. The pg pool opens fresh connections on the next request, so the portal recovers by itself.
 */
export function answerDatabaseOutages(build: ServerBuild): ServerBuild {
  const wrap = <F extends LoaderFunction | ActionFunction>(fn: F | undefined, routeId: string): F | undefined =>
    fn &&
    ((async (args: Parameters<F>[0]) => {
      try {
        return await fn(args);
      } catch (error) {
        if (!isDatabaseUnavailable(error)) throw error;
        console.error(JSON.stringify({ level: "warn", at: new Date().toISOString(), message: "database unavailable: answered 503", route: routeId, error: (error as Error).message }));
        throw new Response("資料庫暫時無法連線，請稍候再試。(The database is briefly unavailable; please try again in a moment.)", {
          status: 503,
          headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" },
        });
      }
    }) as F);
  const routes = Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => [
      id,
      { ...route, module: { ...route.module, loader: wrap(route.module.loader, id), action: wrap(route.module.action, id) } },
    ]),
  );
  return { ...build, routes };
}

/** Above any form or upload the portal takes (a queue export travels as at most 48 MB of text). */
export const MAX_BODY_BYTES = 50 * 1024 * 1024;

/**
 * Refuses a request body declared over MAX_BODY_BYTES before anything reads it, so a huge upload is
 * neither stored nor held in memory. Browsers declare the length of every form and upload; each
 * upload form also has its own smaller limit, checked as its parts stream in.
 */
function refuseOversizedBodies(req: Request, res: Response, next: NextFunction) {
  if (Number(req.get("content-length") ?? 0) > MAX_BODY_BYTES) {
    res.status(413).set("Connection", "close").type("text/plain; charset=utf-8").send("檔案或表單太大（上限 50 MB），請分割後再送出。(The file or form is too large: 50 MB at most.)");
    return;
  }
  next();
}

export function createApp({ build, db, allowedOrigins = [], log = true, publicDir = "public", assetsBuildDir }: AppOptions) {
  const production = process.env.NODE_ENV === "production";
  const app = express();
  app.disable("x-powered-by");
  if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);
  if (log) app.use(requestLog);
  app.use(securityHeaders(production));
  app.use(originCheck(allowedOrigins));
  app.use("/build", express.static(assetsBuildDir ?? path.join(publicDir, "build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(publicDir, { maxAge: "1h", index: false }));
  app.use(refuseOversizedBodies);
  app.use((req, res, next) => {
    // Whatever a write changed, the dashboards' short cache of sections no longer shows it.
    if (!SAFE_METHODS.has(req.method)) res.once("finish", dataChanged);
    next();
  });
  app.use((req, res, next) => {
    // Pages carry personal data: never kept by shared caches or the back/forward cache of a shared PC.
    // The calendar feed sets its own (private, short) caching: phones poll it.
    if (!req.path.startsWith("/training/feed/")) res.setHeader("Cache-Control", "no-store");
    next();
  });
  app.all(
    "*",
    createRequestHandler({
      build: answerDatabaseOutages(build),
      // Anything but an explicit development run hides error details from the browser (ASVS 7.4.1).
      mode: process.env.NODE_ENV === "development" ? "development" : "production",
      getLoadContext: (req, res) => ({
        db,
        cspNonce: res.locals.cspNonce as string,
        clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown",
      }),
    }),
  );
  return app;
}
