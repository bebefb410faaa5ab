// Reads app/routes the way Remix v2 flat routes do (the subset this app uses), so the role × route
// matrix covers every route file, including ones added after the matrix was written.
import fs from "node:fs";
import path from "node:path";
import type { RouteModule } from "./requests";

export const ROUTES_DIR = path.resolve(import.meta.dirname, "../../app/routes");

export interface RouteFile {
  /** Remix's route id, e.g. `routes/admin.users.$id`. */
  id: string;
  file: string;
  /** URL pattern with `:param`s, e.g. `/admin/users/:id`. */
  pattern: string;
  /** A layout: other route files nest under it. */
  isLayout: boolean;
}

const ROUTE_EXTENSIONS = /\.(tsx|ts|jsx|js)$/;

/** Splits a flat-route name on dots, except dots escaped in [brackets]. */
function segmentsOf(name: string): string[] {
  const segments: string[] = [];
  let current = "";
  let escaped = false;
  for (const ch of name) {
    if (ch === "[") escaped = true;
    else if (ch === "]") escaped = false;
    else if (ch === "." && !escaped) {
      segments.push(current);
      current = "";
    } else current += ch;
  }
  segments.push(current);
  return segments;
}

export function patternOf(name: string): string {
  const parts: string[] = [];
  for (const raw of segmentsOf(name)) {
    if (raw === "") throw new Error(`Route file "${name}" has an empty URL segment (a shell-expanded $param?)`);
    if (raw === "_index" || raw.startsWith("_")) continue; // index route or pathless layout
    if (raw.startsWith("(")) continue; // optional segment: matched without it too
    const segment = raw.endsWith("_") ? raw.slice(0, -1) : raw;
    parts.push(segment === "$" ? "*" : segment.startsWith("$") ? `:${segment.slice(1)}` : segment);
  }
  return `/${parts.join("/")}`;
}

export function listRouteFiles(): RouteFile[] {
  const entries: { name: string; file: string }[] = [];
  for (const entry of fs.readdirSync(ROUTES_DIR, { withFileTypes: true })) {
    if (entry.name.startsWith(".")) continue;
    if (entry.isDirectory()) {
      const inside = fs.readdirSync(path.join(ROUTES_DIR, entry.name)).find((f) => /^route\.(tsx|ts|jsx|js)$/.test(f));
      if (inside) entries.push({ name: entry.name, file: path.join(ROUTES_DIR, entry.name, inside) });
    } else if (ROUTE_EXTENSIONS.test(entry.name) && !/\.test\.(tsx?|jsx?)$/.test(entry.name)) {
      entries.push({ name: entry.name.replace(ROUTE_EXTENSIONS, ""), file: path.join(ROUTES_DIR, entry.name) });
    }
  }
  return entries
    .map(({ name, file }) => ({
      id: `routes/${name}`,
      file,
      pattern: patternOf(name),
      isLayout: entries.some((other) => other.name.startsWith(`${name}.`)),
    }))
    .sort((a, b) => a.pattern.localeCompare(b.pattern) || a.id.localeCompare(b.id));
}

export function importRoute(route: RouteFile): Promise<RouteModule> {
  return import(/* @vite-ignore */ route.file) as Promise<RouteModule>;
}

/** The route module serving a URL pattern such as `/admin/users/:id`; fails clearly when there is none. */
export async function routeFor(pattern: string): Promise<RouteModule> {
  const route = listRouteFiles().find((r) => r.pattern === pattern && !r.isLayout);
  if (!route) throw new Error(`No route file in app/routes serves ${pattern}`);
  return importRoute(route);
}

/** A concrete URL for a pattern: `/admin/users/:id` with `{ id: "7" }` → `/admin/users/7`. */
export function fillPattern(pattern: string, params: Record<string, string>): string {
  return pattern.replace(/:(\w+)/g, (_m, name: string) => {
    if (!(name in params)) throw new Error(`No sample value for :${name} in ${pattern}`);
    return encodeURIComponent(params[name]);
  });
}

export function paramNames(pattern: string): string[] {
  return [...pattern.matchAll(/:(\w+)/g)].map((m) => m[1]);
}
