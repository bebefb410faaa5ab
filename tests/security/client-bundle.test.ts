// Server-only code must never reach the browser (ARCHITECTURE rule 2): the classic compiler empties
// *.server.ts modules from the client bundle but not db/, so an import in the wrong place would ship
// the database driver, the password hashing and possibly their secrets to every browser.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const clientDir = path.join(root, "public/build");

// Distinctive strings of each server-only package, as they survive minification.
const SERVER_ONLY = [
  { pkg: "kysely", patterns: ["Kysely", "kysely"] },
  { pkg: "pg", patterns: ["pg-protocol", "pg-pool", "pg-connection-string"] },
  { pkg: "@electric-sql/pglite", patterns: ["PGlite", "@electric-sql", "pglite"] },
  { pkg: "@node-rs/argon2", patterns: ["argon2"] },
];

function jsFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? jsFiles(file) : /\.m?js$/.test(entry.name) ? [file] : [];
  });
}

describe("the browser bundle", () => {
  const files = jsFiles(clientDir);

  it("exists (run `npx remix build` first; npm test does)", () => {
    expect(files.some((f) => path.basename(f).startsWith("entry.client"))).toBe(true);
  });

  it("would be caught by this scan: the server build does use those packages", () => {
    const serverBuild = fs.readFileSync(path.join(root, "build/index.js"), "utf8");
    expect(serverBuild).toContain("kysely");
    expect(serverBuild).toContain("argon2");
  });

  it.each(SERVER_ONLY)("contains nothing of $pkg", ({ patterns }) => {
    const leaks: string[] = [];
    for (const file of files) {
      const text = fs.readFileSync(file, "utf8");
      for (const pattern of patterns) {
        if (text.includes(pattern)) leaks.push(`${path.relative(root, file)}: ${pattern}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it("contains no session secret or password hash", () => {
    const secret = process.env.SESSION_SECRET!;
    for (const file of files) {
      const text = fs.readFileSync(file, "utf8");
      expect(text.includes(secret), file).toBe(false);
      expect(/\$argon2id\$/.test(text), file).toBe(false);
    }
  });
});
