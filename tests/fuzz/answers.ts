// How a refused request looks to the person who sent it: a 4xx error page (root.tsx ErrorBoundary,
// in zh-TW for every status) or the form again with messages beside the fields. Shared by the fuzz
// tests to decide whether an answer was a refusal and whether its messages are readable.
import { isMessageKey, messagesOf } from "~/i18n/i18n";
import type { RouteResult } from "../helpers/requests";

const zhTW = messagesOf("zh-TW");
const CJK = /[\u3400-\u9fff]/;

/** The text a message key or a sentence shows in zh-TW, or null when it would show nothing readable. */
export function shownText(message: unknown): string | null {
  if (typeof message !== "string" || message === "") return null;
  if (isMessageKey(message)) return zhTW[message];
  return CJK.test(message) ? message : null;
}

/** Messages of a refused answer the page shows: field errors, a refusal reason, line errors. */
export function messagesOfAnswer(data: unknown): unknown[] {
  if (typeof data !== "object" || data === null) return [];
  const d = data as Record<string, unknown>;
  const messages: unknown[] = [];
  if (d.errors && typeof d.errors === "object") messages.push(...Object.values(d.errors));
  for (const key of ["formError", "refused", "modeError", "message", "error"]) if (key in d) messages.push(d[key]);
  // A quiz answer saved after the attempt was submitted (another tab, the deadline): the page reloads
  // and shows the submitted notice (quizzes.$quizId.attempts.$attemptId._index.tsx).
  if (d.submitted === true) messages.push("attempt.submittedTitle");
  if (Array.isArray(d.lineErrors)) messages.push(...d.lineErrors.map((e: { message?: unknown }) => e.message));
  if (d.preview && typeof d.preview === "object") {
    const p = d.preview as { mappingErrors?: unknown[] };
    if (Array.isArray(p.mappingErrors)) messages.push(...p.mappingErrors);
  }
  return messages;
}

/** Statuses a refusal may carry; each shows the error page's zh-TW text (root.tsx ErrorBoundary) or the form's. */
export const REFUSAL_STATUSES = [400, 403, 404, 405, 409, 413, 415, 422, 429];

export function isRefusal(result: RouteResult): boolean {
  if (result.status >= 400) return true;
  const d = result.data as { ok?: unknown; errors?: Record<string, unknown> } | null;
  return typeof d === "object" && d !== null && (d.ok === false || (typeof d.errors === "object" && d.errors !== null && Object.keys(d.errors).length > 0));
}
