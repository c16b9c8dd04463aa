// GET /media/img/<sha256>.<ext>: the merchant's uploaded images from the MEDIA bucket. Keys are content
// addresses, so responses are immutable; anything not shaped like one is 404 without touching the bucket.
import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { AppError } from "../errors";

const KEY = /^img\/[0-9a-f]{64}\.(png|jpg|webp|gif)$/;
const TYPES: Record<string, string> = { png: "image/png", jpg: "image/jpeg", webp: "image/webp", gif: "image/gif" };

export const mediaRoutes = new Hono<AppEnv>().get("/*", async (c) => {
  const key = c.req.path.replace(/^\/media\//, "");
  const shape = KEY.exec(key);
  if (!shape) throw new AppError("NOT_FOUND");
  const obj = await c.env.MEDIA.get(key);
  if (!obj) throw new AppError("NOT_FOUND");
  const headers = new Headers({
    // From the key's extension, never from stored metadata: only these four image types can be served.
    "Content-Type": TYPES[shape[1]!]!,
    "Cache-Control": "public, max-age=31536000, immutable",
    "X-Content-Type-Options": "nosniff",
    ETag: obj.httpEtag,
  });
  const tags = (c.req.header("If-None-Match") ?? "").split(",").map((t) => t.trim().replace(/^W\//, ""));
  if (tags.includes(obj.httpEtag) || tags.includes("*")) {
    await obj.body.cancel();
    return new Response(null, { status: 304, headers });
  }
  headers.set("Content-Length", String(obj.size));
  return new Response(obj.body, { headers });
});
