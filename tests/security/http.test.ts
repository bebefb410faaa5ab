// The real HTTP stack: what a browser (or an attacker's page) actually gets from the server.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Kysely, PostgresDialect } from "kysely";
import type { Database } from "../../db/schema";
import { DEMO_PASSWORD } from "../../seeds/demo";
import { sessionCookie } from "~/modules/auth/session.server";
import { useTestDatabase } from "../helpers/db";
import { parseSetCookie } from "../helpers/requests";
import { startServer, type RunningServer } from "../helpers/server";

const t = useTestDatabase();
let server: RunningServer;

beforeAll(async () => {
  server = await startServer(t.db);
});
afterAll(async () => {
  await server?.close();
});

function form(fields: Record<string, string>) {
  return new URLSearchParams(fields).toString();
}

async function postForm(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(`${server.origin}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body: form(fields),
  });
}

async function signInOverHttp(employeeNo: string) {
  const response = await postForm("/login", { employeeNo, password: DEMO_PASSWORD }, { Origin: server.origin, "Sec-Fetch-Site": "same-origin" });
  expect(response.status).toBe(302);
  return response;
}

async function loginAttemptCount() {
  const row = await t.db.selectFrom("loginAttempts").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

describe("cross-site request forgery", () => {
  it("refuses a form posted from another site's page, before it reaches the sign-in", async () => {
    const before = await loginAttemptCount();
    const response = await postForm("/login", { employeeNo: "FB010", password: DEMO_PASSWORD }, { Origin: "https://evil.example" });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("跨站請求已被拒絕");
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(await loginAttemptCount()).toBe(before);
  });

  it("refuses a post the browser marks as cross-site even without an Origin header", async () => {
    for (const site of ["cross-site", "same-site"]) {
      const response = await postForm("/login", { employeeNo: "FB010", password: DEMO_PASSWORD }, { "Sec-Fetch-Site": site });
      expect(response.status, site).toBe(403);
    }
  });

  it("refuses an opaque (null) origin, as sent from sandboxed frames", async () => {
    const response = await postForm("/login", { employeeNo: "FB010", password: DEMO_PASSWORD }, { Origin: "null" });
    expect(response.status).toBe(403);
  });

  it("covers every action path: single-fetch data requests, sign-out and the language switch", async () => {
    const session = (await signInOverHttp("FB011")).headers.getSetCookie()[0].split(";")[0];
    for (const path of ["/login.data", "/logout", "/logout.data", "/set-language", "/account/password", "/switch-office"]) {
      const response = await postForm(path, { language: "en", officeId: "1" }, { Origin: "https://evil.example", Cookie: session });
      expect(response.status, path).toBe(403);
    }
    // The forged sign-out did nothing: the session still opens the home page.
    const home = await fetch(`${server.origin}/`, { headers: { Cookie: session }, redirect: "manual" });
    expect(home.status).toBe(200);
  });

  it("lets the portal's own pages post as usual", async () => {
    const response = await signInOverHttp("FB012");
    expect(response.headers.get("location")).toBe("/");
    const language = await postForm("/set-language", { language: "en", redirectTo: "/login" }, { Origin: server.origin });
    expect(language.status).toBe(302);
    expect(language.headers.getSetCookie()[0]).toMatch(/^lang=en;/);
  });

  it("still allows a cross-site GET (links into the portal work)", async () => {
    const response = await fetch(`${server.origin}/login`, { headers: { "Sec-Fetch-Site": "cross-site" } });
    expect(response.status).toBe(200);
  });
});

describe("administration over HTTP", () => {
  it("gives a staff member neither the page nor its data", async () => {
    const session = (await signInOverHttp("FB015")).headers.getSetCookie()[0].split(";")[0];
    for (const path of ["/admin/users", "/admin/users.data"]) {
      const response = await fetch(`${server.origin}${path}`, { headers: { Cookie: session }, redirect: "manual" });
      expect(response.status, path).toBe(403);
      const body = await response.text();
      // The shell shows the viewer's own number (FB015), but nobody else's.
      for (const other of ["FB001", "FB010", "FB090", "DQ010", "MA002"]) expect(body, `${path} shows ${other}`).not.toContain(other);
    }
  });
});

describe("session cookie", () => {
  it("is HttpOnly, SameSite=Lax, Secure and scoped to the whole site, with no Domain", async () => {
    const response = await signInOverHttp("FB013");
    const cookies = response.headers.getSetCookie().map(parseSetCookie);
    const session = cookies.find((c) => c.name === "fb_session");
    expect(session).toBeDefined();
    expect(session!.attributes).toMatchObject({ httponly: true, samesite: "Lax", secure: true, path: "/" });
    expect(session!.attributes.domain).toBeUndefined();
  });
});

describe("security headers", () => {
  async function page(path = "/login") {
    const response = await fetch(`${server.origin}${path}`);
    expect(response.status).toBe(200);
    return { headers: response.headers, html: await response.text() };
  }

  it("sends a nonce-based Content-Security-Policy that allows no inline script without the nonce", async () => {
    const { headers, html } = await page();
    const csp = headers.get("content-security-policy") ?? "";
    const directives = Object.fromEntries(
      csp.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]),
    );
    const nonce = /'nonce-([^']+)'/.exec(directives["script-src"]?.join(" ") ?? "")?.[1];
    expect(nonce, csp).toBeTruthy();
    expect(directives["script-src"]).not.toContain("'unsafe-inline'");
    expect(directives["script-src"]).not.toContain("'unsafe-eval'");
    expect(directives["frame-ancestors"]).toEqual(["'none'"]);
    expect(directives["object-src"]).toEqual(["'none'"]);
    expect(directives["base-uri"]).toEqual(["'none'"]);
    expect(directives["form-action"]).toEqual(["'self'"]);

    // Every script the page carries has this response's nonce, so the browser runs the app.
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it("uses a fresh nonce for every response", async () => {
    const a = (await page()).headers.get("content-security-policy");
    const b = (await page()).headers.get("content-security-policy");
    expect(a).not.toBe(b);
  });

  it("forbids framing and MIME sniffing, limits the referrer and keeps pages out of shared caches", async () => {
    const { headers } = await page();
    expect(headers.get("x-frame-options")).toBe("DENY");
    expect(headers.get("x-content-type-options")).toBe("nosniff");
    expect(headers.get("referrer-policy")).toMatch(/^(same-origin|no-referrer|strict-origin(-when-cross-origin)?)$/);
    expect(headers.get("cache-control")).toContain("no-store");
    expect(headers.get("x-powered-by")).toBeNull();
  });

  it("sends the headers on a signed-in page too", async () => {
    const session = (await signInOverHttp("FB014")).headers.getSetCookie()[0].split(";")[0];
    const response = await fetch(`${server.origin}/`, { headers: { Cookie: session } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("<html");
    expect(response.headers.get("content-security-policy")).toContain("'nonce-");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
  });
});

describe("error pages", () => {
  it("shows a generic zh-TW page for an unknown address", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const response = await fetch(`${server.origin}/no/such/page`);
      expect(response.status).toBe(404);
      expect(await response.text()).toContain("找不到這個頁面或資料");
    } finally {
      errors.mockRestore();
    }
  });

  it("hides the details of an unexpected server error: no message, stack or file paths", async () => {
    const marker = "DB-SECRET-MARKER password=hunter2";
    // A database whose every query fails, the way an outage or a bug would.
    const broken = new Kysely<Database>({
      dialect: new PostgresDialect({
        pool: {
          connect: async () => {
            throw new Error(marker);
          },
          end: async () => {},
        } as never,
      }),
    });
    const brokenServer = await startServer(broken);
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      // A (well-signed) session cookie makes the page look the person up in the database.
      const cookie = (await sessionCookie().serialize("some-token")).split(";")[0];
      for (const path of ["/login", "/", "/healthz"]) {
        const response = await fetch(`${brokenServer.origin}${path}`, { headers: { Cookie: cookie } });
        expect(response.status, path).toBe(500);
        const body = await response.text();
        expect(body, path).not.toContain("DB-SECRET-MARKER");
        expect(body, path).not.toContain("hunter2");
        expect(body, path).not.toMatch(/\bat .+\(.*:\d+:\d+\)|node_modules|\/work\/|\.tsx?:\d+/);
        if (path !== "/healthz") expect(body, path).toContain("系統發生錯誤");
      }
      // The details went to the server log instead.
      expect(errors.mock.calls.flat().join(" ")).toContain("DB-SECRET-MARKER");
    } finally {
      errors.mockRestore();
      await brokenServer.close();
    }
  });
});

describe("health check", () => {
  it("answers ok without signing in and says nothing else", async () => {
    const response = await fetch(`${server.origin}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("ok");
  });
});

describe("request size", () => {
  it("refuses a body declared over 50 MB at once, before it is read or stored", async () => {
    const { request } = await import("node:http");
    const url = new URL(`${server.origin}/counters/import`);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        { host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers: { "Content-Type": "multipart/form-data; boundary=x", "Content-Length": String(60 * 1024 * 1024), Origin: server.origin } },
        (res) => {
          let body = "";
          res.setEncoding("utf8");
          res.on("data", (chunk) => (body += chunk));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on("error", reject);
      // Only the first bytes of the 60 MB it announced: the answer must not wait for the rest.
      req.write("--x\r\n");
    });
    expect(answer.status).toBe(413);
    expect(answer.body).toContain("檔案或表單太大");
  });
});
