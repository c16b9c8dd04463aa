import type { Db } from "../db/client";
import type { Session } from "./identity/session";

/** Hono's generics for this app: bindings from `wrangler types`, per-request variables set by middleware. */
export type AppEnv = {
  Bindings: Env;
  Variables: { db: Db; session: Session | null };
};
