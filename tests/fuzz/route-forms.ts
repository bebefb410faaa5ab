// What a route's action reads, found the way a reader would: the field names of its forms (the
// route file and the components and page modules it imports), the keys of every zod schema those
// modules export, and the `intent` values it dispatches on. The fuzzer posts to these names, so the
// validation answers rather than a "no such intent" branch, and a field added later is fuzzed too.
import fs from "node:fs";
import path from "node:path";
import { ZodDiscriminatedUnion, ZodEffects, ZodEnum, ZodIntersection, ZodLiteral, ZodObject, ZodOptional, ZodPipeline, ZodUnion, ZodDefault, ZodNullable, type ZodTypeAny } from "zod";

const APP = path.resolve(import.meta.dirname, "../../app");

export interface ActionForm {
  fields: string[];
  intents: string[];
}

/** `~/x/y` imports of a source file, resolved to files under app/. */
function localImports(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  const found: string[] = [];
  for (const match of text.matchAll(/from\s+"~\/([^"]+)"/g)) {
    for (const ext of [".tsx", ".ts"]) {
      const candidate = path.join(APP, match[1] + ext);
      if (fs.existsSync(candidate)) found.push(candidate);
    }
  }
  return found;
}

const NAME_PATTERNS = [
  /\bname="([^"]+)"/g,
  /\bname=\{"([^"]+)"\}/g,
  /formData\.get(?:All)?\("([^"]+)"\)/g,
  /form\.get(?:All)?\("([^"]+)"\)/g,
  /textOf\(formData, "([^"]+)"\)/g,
];
const INTENT_PATTERNS = [/intent === "([^"]+)"/g, /case "([^"]+)":/g, /name="intent"[^>]*?value="([^"]+)"/g, /value="([^"]+)"[^>]*?name="intent"/g];

/** Field names and intents of the action of one route file. */
export async function actionForm(routeFile: string): Promise<ActionForm> {
  const fields = new Set<string>();
  const intents = new Set<string>();
  const firstLevel = localImports(routeFile);
  const files = new Set([routeFile, ...firstLevel, ...firstLevel.flatMap(localImports)]);
  for (const file of files) {
    const text = fs.readFileSync(file, "utf8");
    for (const pattern of NAME_PATTERNS) for (const m of text.matchAll(pattern)) fields.add(m[1]);
    // Intents only from the route and its own forms: a `case "x":` elsewhere is another switch.
    if (file === routeFile || file.includes(`${path.sep}components${path.sep}`)) {
      for (const pattern of INTENT_PATTERNS) for (const m of text.matchAll(pattern)) intents.add(m[1]);
    }
    if (/\.schema\.ts$|-pages\.server\.ts$|\.server\.ts$/.test(file)) {
      const mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
      for (const value of Object.values(mod)) if (isZod(value)) collectKeys(value, fields, intents);
    }
  }
  return { fields: [...fields].sort(), intents: [...intents].sort() };
}

function isZod(value: unknown): value is ZodTypeAny {
  return typeof value === "object" && value !== null && "_def" in value && "safeParse" in value;
}

function collectKeys(schema: ZodTypeAny, fields: Set<string>, intents: Set<string>, depth = 0): void {
  if (depth > 6) return;
  const next = (s: ZodTypeAny) => collectKeys(s, fields, intents, depth + 1);
  if (schema instanceof ZodObject) {
    for (const [key, value] of Object.entries(schema.shape as Record<string, ZodTypeAny>)) {
      fields.add(key);
      if (key === "intent") literalValues(value).forEach((v) => intents.add(v));
    }
  } else if (schema instanceof ZodEffects) next(schema._def.schema);
  else if (schema instanceof ZodPipeline) next(schema._def.in);
  else if (schema instanceof ZodOptional || schema instanceof ZodNullable || schema instanceof ZodDefault) next(schema._def.innerType);
  else if (schema instanceof ZodUnion || schema instanceof ZodDiscriminatedUnion) for (const option of schema.options as ZodTypeAny[]) next(option);
  else if (schema instanceof ZodIntersection) {
    next(schema._def.left);
    next(schema._def.right);
  }
}

function literalValues(schema: ZodTypeAny): string[] {
  if (schema instanceof ZodLiteral && typeof schema.value === "string") return [schema.value];
  if (schema instanceof ZodEnum) return [...(schema.options as string[])];
  if (schema instanceof ZodOptional || schema instanceof ZodDefault) return literalValues(schema._def.innerType);
  if (schema instanceof ZodEffects) return literalValues(schema._def.schema);
  return [];
}
