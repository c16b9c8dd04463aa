// How the caller wants its answer: JSON (the merchant API), an htmx fragment, or a whole page.
export function isApi(req: Request): boolean {
  return new URL(req.url).pathname.startsWith("/api/");
}

/**
 * An htmx request that wants a fragment: `HX-Request: true`, unless htmx 4 says it wants the whole page
 * (`HX-Request-Type: full`, as on a history restore).
 */
export function isHtmx(req: Request): boolean {
  return req.headers.get("HX-Request") === "true" && req.headers.get("HX-Request-Type") !== "full";
}
