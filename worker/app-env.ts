import type { Db } from "../db/client";

/** Hono's generics for this app: bindings from `wrangler types`, per-request variables set by middleware. */
export type AppEnv = {
  Bindings: Env;
  Variables: { db: Db };
};
