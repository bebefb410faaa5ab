/** A positive integer id from a route param; anything else is a 404, never an error page with details. */
export function requireIdParam(value: string | undefined): number {
  const id = Number(value);
  if (!value || !/^\d{1,9}$/.test(value) || !Number.isSafeInteger(id) || id <= 0) {
    throw new Response("Not Found", { status: 404 });
  }
  return id;
}
