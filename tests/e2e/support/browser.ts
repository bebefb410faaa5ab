// The browser side of the journeys: Debian's Chromium through playwright-core (the machines cannot
// download browsers), one fresh context per journey, a full-page screenshot of every page visited
// under screenshots/e2e/<journey>-<step>.png, and the small steps every journey repeats.
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from "playwright-core";
import { expect, inject } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");
export const SCREENSHOT_DIR = path.join(root, "screenshots/e2e");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const WAIT_MS = 15_000;

/**
 * Waiting assertions on a locator (playwright-core has no `expect`): each retries until the page
 * agrees or 15 s pass. A locator that matches several elements is an error, as in Playwright Test.
 */
export function see(locator: Locator) {
  const quick = { timeout: 1_000 };
  const poll = <T>(what: string, read: () => Promise<T>) =>
    expect.poll(() => read().catch(() => null), { timeout: WAIT_MS, interval: 100, message: `${locator} ${what}` });
  const text = async () => ((await locator.textContent(quick).catch(() => "")) ?? "").replace(/\s+/g, " ").trim();
  return {
    toBeVisible: () => locator.waitFor({ state: "visible", timeout: WAIT_MS }),
    toHaveCount: (count: number) => poll("count", () => locator.count()).toBe(count),
    toHaveText: (expected: string) => poll("text", text).toBe(expected),
    toContainText: (expected: string) => poll("text", text).toContain(expected),
    toHaveValue: (expected: string) => poll("value", () => locator.inputValue(quick)).toBe(expected),
    toHaveAttribute: (name: string, expected: string) => poll(`[${name}]`, () => locator.getAttribute(name, quick)).toBe(expected),
    toBeChecked: () => poll("checked", () => locator.isChecked(quick)).toBe(true),
  };
}

export function baseUrl(): string {
  const url = inject("e2eBaseUrl");
  if (!url) throw new Error("No server: run the journeys with `npm run test:e2e` (vitest.e2e.config.ts starts it).");
  return url;
}

/** True only under vitest.e2e.config.ts, so a plain `vitest run` skips the journeys instead of failing. */
export const hasServer = Boolean(inject("e2eBaseUrl"));

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-quic",
      "--no-first-run",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export interface Journey {
  name: string;
  context: BrowserContext;
  page: Page;
  /** Full-page screenshot of the current page as screenshots/e2e/<journey>-<NN-step>.png. */
  shot(step: string): Promise<string>;
  /** Page errors and failed requests seen so far (a journey ends by checking there were none). */
  problems: string[];
  close(): Promise<void>;
}

export async function startJourney(browser: Browser, name: string): Promise<Journey> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const context = await browser.newContext({
    baseURL: baseUrl(),
    viewport: { width: 1280, height: 800 },
    locale: "zh-TW",
    timezoneId: "Asia/Taipei",
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  let step = 0;
  return {
    name,
    context,
    page,
    problems,
    async shot(label: string) {
      step += 1;
      const file = path.join(SCREENSHOT_DIR, `${name}-${String(step).padStart(2, "0")}-${label}.png`);
      await page.waitForLoadState("load");
      await page.screenshot({ path: file, fullPage: true, animations: "disabled" });
      return file;
    },
    async close() {
      await context.close();
    },
  };
}

/** Waits until Remix has hydrated, so a click runs the client-side handler, not a half-loaded form. */
export async function hydrated(page: Page) {
  await page.waitForLoadState("load");
  // RemixBrowser sets window.__remixRouter when it renders on the client.
  await page.waitForFunction(() => Boolean((window as unknown as { __remixRouter?: unknown }).__remixRouter));
}

/**
 * A form field by its visible label. Mantine appends an aria-hidden " *" to a required field's
 * <label>, which getByLabel's exact match would include; the field's accessible name does not.
 */
export function field(page: Page, label: string) {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return page.getByLabel(new RegExp(`^\\s*${escaped}\\s*\\*?\\s*$`));
}

/** Fills the sign-in form by its labels and submits it; the caller checks where it lands. */
export async function signIn(page: Page, employeeNo: string, password: string) {
  await hydrated(page);
  await field(page, "員工編號").fill(employeeNo);
  await field(page, "密碼").fill(password);
  // Wait for the server's answer to this very submission: a refusal looks the same as the one before it,
  // so checking the message alone could pass before the answer arrives (and its arrival clears the password).
  const answered = page.waitForResponse(
    (response) => response.request().method() === "POST" && new URL(response.url()).pathname.startsWith("/login"),
  );
  await page.getByRole("button", { name: "登入", exact: true }).click();
  await answered;
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "登出", exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/login");
  await see(page.getByText("您已登出。")).toBeVisible();
}

export function mainNav(page: Page) {
  return page.getByRole("navigation", { name: "主選單" });
}
