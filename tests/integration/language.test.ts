import { describe, expect, it } from "vitest";
import * as root from "~/root";
import * as languageRoute from "~/routes/set-language";
import { useTestDatabase } from "../helpers/db";
import { cookieHeaderFrom, get, parseSetCookie, post, signIn } from "../helpers/requests";

const t = useTestDatabase();

describe("choosing the language", () => {
  it("is zh-TW until someone chooses otherwise", async () => {
    const page = await get(root, "/login");
    expect(page.data).toEqual({ language: "zh-TW", user: null, unread: 0 });
  });

  it("switches to English with a lang cookie, before signing in, and returns to the same page", async () => {
    const result = await post(languageRoute, "/set-language", { language: "en", redirectTo: "/login?redirectTo=%2F" });
    expect(result.status).toBe(302);
    expect(result.location).toBe("/login?redirectTo=%2F");
    const cookie = parseSetCookie(result.setCookies[0]);
    expect(cookie).toMatchObject({ name: "lang", value: "en" });
    expect(cookie.attributes).toMatchObject({ path: "/", samesite: "Lax", secure: true });
    expect(Number(cookie.attributes["max-age"])).toBeGreaterThanOrEqual(180 * 24 * 3600);

    const page = await get(root, "/login", { cookie: cookieHeaderFrom(result.setCookies) });
    expect(page.data.language).toBe("en");
  });

  it("keeps the choice beside the session cookie once signed in", async () => {
    const session = await signIn(t.db, "FB030");
    const english = await get(root, "/", { cookie: `${session}; lang=en` });
    expect(english.data.language).toBe("en");
    expect(english.data.user.employeeNo).toBe("FB030");

    const back = await post(languageRoute, "/set-language", { language: "zh-TW", redirectTo: "/" }, { cookie: `${session}; lang=en` });
    expect(parseSetCookie(back.setCookies[0]).value).toBe("zh-TW");
  });

  it("ignores a language it does not offer and sets no cookie", async () => {
    const result = await post(languageRoute, "/set-language", { language: "fr", redirectTo: "/login" });
    expect(result.location).toBe("/login");
    expect(result.setCookies).toEqual([]);
  });

  it("never sends the visitor to another site", async () => {
    const result = await post(languageRoute, "/set-language", { language: "en", redirectTo: "https://evil.example/" });
    expect(result.location).toBe("/");
  });

  it("still renders pages when the lang cookie is garbage", async () => {
    const page = await get(root, "/login", { cookie: "lang=%E0%A4%A" });
    expect(page.status).toBe(200);
    expect(page.data.language).toBe("zh-TW");
  });
});

describe("what the browser learns about the signed-in person", () => {
  it("is only what the shell shows: no session id, password hash or other columns", async () => {
    const cookie = await signIn(t.db, "FB090");
    const page = await get(root, "/", { cookie });
    expect(Object.keys(page.data.user).sort()).toEqual(
      ["employeeNo", "mustChangePassword", "name", "officeId", "officeName", "offices", "roles", "title"].sort(),
    );
    expect(page.data.user.roles).toEqual(expect.arrayContaining(["staff", "admin"]));
    expect(JSON.stringify(page.data)).not.toMatch(/argon2|idHash|sessionIdHash|passwordHash/);
  });
});
