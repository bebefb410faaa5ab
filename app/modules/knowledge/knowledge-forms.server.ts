// The schemas a route uses only in its loader or action, imported through this `.server` module so that
// Remix leaves zod (14 KB gzip) out of the page's browser bundle (issue 10, first-load JavaScript).
export { searchSchema } from "./knowledge.schema";
