// Calls route modules' loaders and actions directly with real Requests, the way Remix does, and
// turns every kind of answer into one shape: a plain object, a `data(...)` result
// (single fetch's DataWithResponseInit), a returned Response, or a thrown Response (redirect, 403, 404).
import type { Kysely } from "kysely";
import { expect } from "vitest";
import type { Database } from "../../db/schema";
import { DEMO_PASSWORD } from "../../seeds/demo";
import * as loginRoute from "~/routes/login";
import { currentDb } from "./db";

export const BASE_URL = "http://localhost";

type RouteFunction = (args: { request: Request; params: Record<string, string | undefined>; context: any }) => unknown;
export interface RouteModule {
  loader?: RouteFunction;
  action?: RouteFunction;
}

export interface RequestOptions {
  /** A Cookie header value, e.g. what signIn() returns. */
  cookie?: string;
  params?: Record<string, string>;
  headers?: Record<string, string>;
  /** Defaults to the test file's database (useTestDatabase). */
  db?: Kysely<Database>;
  clientAddress?: string;
}

export interface RouteResult<T = any> {
  status: number;
  headers: Headers;
  /** Where a redirect points, or null. */
  location: string | null;
  /** Every Set-Cookie header, whole. */
  setCookies: string[];
  /** The returned object (or the data of a `data(...)` result); a Response body as text. */
  data: T;
  /** Whether the route threw its answer (redirects and error statuses are thrown). */
  thrown: boolean;
}

function isDataWithResponseInit(value: unknown): value is { type: "DataWithResponseInit"; data: unknown; init: ResponseInit | null } {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "DataWithResponseInit";
}

async function fromResponse(response: Response, thrown: boolean): Promise<RouteResult> {
  const isRedirect = response.status >= 300 && response.status < 400;
  const text = isRedirect ? "" : await response.text();
  return {
    status: response.status,
    headers: response.headers,
    location: response.headers.get("Location"),
    setCookies: response.headers.getSetCookie(),
    data: text,
    thrown,
  };
}

function fromValue(value: unknown): RouteResult {
  if (isDataWithResponseInit(value)) {
    const headers = new Headers(value.init?.headers);
    return {
      status: value.init?.status ?? 200,
      headers,
      location: headers.get("Location"),
      setCookies: headers.getSetCookie(),
      data: value.data,
      thrown: false,
    };
  }
  return { status: 200, headers: new Headers(), location: null, setCookies: [], data: value, thrown: false };
}

async function call(fn: RouteFunction | undefined, kind: "loader" | "action", request: Request, options: RequestOptions): Promise<RouteResult> {
  if (!fn) throw new Error(`This route module has no ${kind}`);
  const context = {
    db: options.db ?? currentDb(),
    cspNonce: "test",
    clientAddress: options.clientAddress ?? "127.0.0.1",
  };
  try {
    const value = await fn({ request, params: options.params ?? {}, context });
    return value instanceof Response ? fromResponse(value, false) : fromValue(value);
  } catch (error) {
    if (error instanceof Response) return fromResponse(error, true);
    throw error;
  }
}

function buildHeaders(options: RequestOptions, extra: Record<string, string> = {}): Headers {
  const headers = new Headers({ "User-Agent": "vitest", ...extra, ...options.headers });
  if (options.cookie) headers.set("Cookie", options.cookie);
  return headers;
}

export function absoluteUrl(url: string): string {
  return new URL(url, BASE_URL).toString();
}

/** Runs a route's loader for a GET of `url`. */
export function get<T = any>(route: RouteModule, url: string, options: RequestOptions = {}): Promise<RouteResult<T>> {
  const request = new Request(absoluteUrl(url), { method: "GET", headers: buildHeaders(options) });
  return call(route.loader, "loader", request, options);
}

/** Runs a route's action for a form POST of `fields` to `url`. */
export function post<T = any>(
  route: RouteModule,
  url: string,
  fields: Record<string, string | string[]> = {},
  options: RequestOptions = {},
): Promise<RouteResult<T>> {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  }
  const request = new Request(absoluteUrl(url), {
    method: "POST",
    headers: buildHeaders(options, { "Content-Type": "application/x-www-form-urlencoded", Origin: BASE_URL }),
    body,
  });
  return call(route.action, "action", request, options);
}

/** The `name=value` part of each Set-Cookie, joined as a Cookie request header. */
export function cookieHeaderFrom(setCookies: string[]): string {
  return setCookies.map((c) => c.split(";")[0]).join("; ");
}

/** Parses one Set-Cookie header into its name, value and lower-cased attributes. */
export function parseSetCookie(setCookie: string): { name: string; value: string; attributes: Record<string, string | true> } {
  const [pair, ...rest] = setCookie.split(";").map((s) => s.trim());
  const eq = pair.indexOf("=");
  const attributes: Record<string, string | true> = {};
  for (const part of rest) {
    const i = part.indexOf("=");
    if (i === -1) attributes[part.toLowerCase()] = true;
    else attributes[part.slice(0, i).toLowerCase()] = part.slice(i + 1);
  }
  return { name: pair.slice(0, eq), value: pair.slice(eq + 1), attributes };
}

/** Attempts a sign-in through the real login action; the raw result, for tests of failures. */
export function attemptSignIn(
  employeeNo: string,
  password: string,
  options: RequestOptions & { redirectTo?: string } = {},
): Promise<RouteResult> {
  const fields: Record<string, string> = { employeeNo, password };
  if (options.redirectTo !== undefined) fields.redirectTo = options.redirectTo;
  return post(loginRoute, "/login", fields, options);
}

/**
 * Signs in through the real login action and returns the Cookie header value to send with
 * later requests. Fails the test if the sign-in does not succeed.
 */
export async function signIn(
  db: Kysely<Database>,
  employeeNo: string,
  password: string = DEMO_PASSWORD,
  options: Omit<RequestOptions, "db"> = {},
): Promise<string> {
  const result = await attemptSignIn(employeeNo, password, { ...options, db });
  expect(result.status, `sign-in of ${employeeNo} answered ${result.status} ${JSON.stringify(result.data)}`).toBe(302);
  const cookie = cookieHeaderFrom(result.setCookies);
  expect(cookie).toMatch(/^fb_session=/);
  return cookie;
}

/** Path and query of a redirect, for readable assertions. */
export function redirectPath(result: RouteResult): string | null {
  if (!result.location) return null;
  const url = new URL(result.location, BASE_URL);
  return url.pathname + url.search;
}
