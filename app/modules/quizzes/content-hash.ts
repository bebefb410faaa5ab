// A stable fingerprint of a question's content, so an unchanged re-import makes no new version
// (question_versions.content_hash). Pure: the same question always hashes the same, whatever the
// order of its object keys (jsonb reorders them when a stored body is read back).

import { fnv1a64 } from "./aiken-parser";

/**
 * JSON with object keys sorted at every level; arrays keep their order (answer order matters).
 * `undefined` members are left out, as JSON.stringify does, so an absent key and an undefined one
 * hash alike.
 */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== "object") {
    // JSON.stringify(undefined) is undefined; inside arrays JSON writes null for it.
    return JSON.stringify(value) ?? "null";
  }
  if (Array.isArray(value)) return `[${value.map((item) => stableStringify(item)).join(",")}]`;
  const entries = Object.keys(value)
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${stableStringify((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(",")}}`;
}

/**
 * The hash of a question body as stored in question_versions.body (the parsed question without
 * its source `line`). `line` is dropped here too, so a question that only moved in its file is
 * unchanged.
 */
export function contentHash(body: object): string {
  const { line: _line, ...rest } = body as Record<string, unknown>;
  return `fnv1a64:${fnv1a64(stableStringify(rest))}`;
}
