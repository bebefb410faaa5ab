import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer, isRouteErrorResponse } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "./nonce";

const ABORT_DELAY = 5_000;
export const streamTimeout = ABORT_DELAY;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce ?? "";
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          if (responseStatusCode === 503) responseHeaders.set("Retry-After", RETRY_AFTER);
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Logged only once the shell is out: errors before it are rethrown by Remix and logged there.
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

/**
 * A 503 means the database is briefly away (server/app.ts answerDatabaseOutages, RETRY_AFTER_SECONDS
 * there): pages and data requests say when to try again. Remix does not pass a thrown Response's
 * headers on to the page, so they are set here.
 */
const RETRY_AFTER = "15";

export function handleDataRequest(response: Response) {
  if (response.status === 503 && !response.headers.has("Retry-After")) response.headers.set("Retry-After", RETRY_AFTER);
  return response;
}

/** Unexpected server errors are logged here; the browser only ever sees the generic error page. */
export function handleError(error: unknown, { request }: { request: Request }) {
  // An aborted request or a 404/403 answer is not a fault of the server.
  if (request.signal.aborted || isRouteErrorResponse(error)) return;
  const detail = error instanceof Error ? error.stack : (() => { try { return JSON.stringify(error); } catch { return String(error); } })();
  console.error(JSON.stringify({ level: "error", at: new Date().toISOString(), path: new URL(request.url).pathname, error: detail }));
}
