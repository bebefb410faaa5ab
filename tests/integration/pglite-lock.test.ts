import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { acquireFolderLock } from "../../db/connect";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const folders: string[] = [];
function tempDataDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pglite-lock-"));
  folders.push(dir);
  return path.join(dir, "pglite");
}
afterEach(() => {
  for (const dir of folders.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("one process per PGlite folder", () => {
  it("refuses a second process with a clear message and leaves the folder and its lock alone", async () => {
    const dataDir = tempDataDir();
    const release = acquireFolderLock(dataDir);
    fs.writeFileSync(path.join(dataDir, "marker"), "kept");
    try {
      const script = `import { createDb } from ${JSON.stringify(path.join(root, "db/connect.ts"))};
        try { await createDb({ dataDir: ${JSON.stringify(dataDir)} }); console.log("opened"); process.exit(0); }
        catch (e) { console.error(e.message); process.exit(3); }`;
      const outcome = await run(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: root }).then(
        () => ({ code: 0, stderr: "" }),
        (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
      );
      expect(outcome.code).toBe(3);
      expect(outcome.stderr).toContain(`is in use by process ${process.pid}`);
      expect(fs.readFileSync(path.join(dataDir, "marker"), "utf8")).toBe("kept");
      expect(fs.readFileSync(`${dataDir}.lock`, "utf8")).toBe(String(process.pid));
    } finally {
      release();
    }
    expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);
  });

  it("takes over a lock left by a process that no longer runs", () => {
    const dataDir = tempDataDir();
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(`${dataDir}.lock`, "999999999");
    const release = acquireFolderLock(dataDir);
    expect(fs.readFileSync(`${dataDir}.lock`, "utf8")).toBe(String(process.pid));
    release();
  });
});
