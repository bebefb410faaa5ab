// A file upload to a route action, as a browser sends it: multipart/form-data with the file's raw
// bytes. tests/helpers/requests.ts posts url-encoded forms, which can only carry valid UTF-8; the
// importers must also be shown bytes in Big5, UTF-16 or no encoding at all. The answer has the same
// shape as requests.ts gives (status, data, thrown), read the same way.
import { absoluteUrl, BASE_URL, type RouteModule, type RouteResult } from "../helpers/requests";
import { currentDb } from "../helpers/db";

export async function postFile(
  route: RouteModule,
  url: string,
  fields: Record<string, string>,
  file: { name: string; bytes: Uint8Array; type?: string; field?: string },
  cookie: string,
): Promise<RouteResult> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append(file.field ?? "file", new File([Buffer.from(file.bytes)], file.name, { type: file.type ?? "application/octet-stream" }));
  const request = new Request(absoluteUrl(url), { method: "POST", body: form, headers: { Cookie: cookie, Origin: BASE_URL, "User-Agent": "vitest" } });
  const context = { db: currentDb(), cspNonce: "test", clientAddress: "127.0.0.1" };
  let value: unknown;
  let thrown = false;
  try {
    value = await route.action!({ request, params: {}, context });
  } catch (error) {
    if (!(error instanceof Response)) throw error;
    value = error;
    thrown = true;
  }
  if (value instanceof Response) {
    const isRedirect = value.status >= 300 && value.status < 400;
    return { status: value.status, headers: value.headers, location: value.headers.get("Location"), setCookies: [], data: isRedirect ? "" : await value.text(), thrown };
  }
  const init = value as { type?: string; data?: unknown; init?: ResponseInit | null };
  if (init?.type === "DataWithResponseInit") {
    const headers = new Headers(init.init?.headers);
    return { status: init.init?.status ?? 200, headers, location: headers.get("Location"), setCookies: [], data: init.data, thrown: false };
  }
  return { status: 200, headers: new Headers(), location: null, setCookies: [], data: value, thrown: false };
}
