import type { Db } from "../db/client";
import type { AdminPrincipal } from "./admin/principal";
import type { Locale } from "../views/i18n";
import type { RequestSession } from "./identity/session";

/** Hono's generics for this app: bindings from `wrangler types`, per-request variables set by middleware. */
export type AppEnv = {
  Bindings: Env;
  Variables: {
    db: Db;
    /** the request's language, set first by worker/middleware/locale.ts (t() reads the same, ambiently) */
    locale: Locale;
    session: RequestSession | null;
    /** set by requireMember (worker/shop/require-member.tsx) on every member page and action: the logged-in
     *  member's session, its POST already CSRF-checked */
    member: RequestSession;
    /** set by the /admin/* middleware (worker/admin/middleware.ts) for every admin page but the login */
    admin: AdminPrincipal;
    /** set by the Merchant API's auth (worker/api/auth.ts): the calling token as an audit actor,
     *  `api:bootstrap` (MERCHANT_API_TOKEN) or `api:<name>` (a console-created api_keys token) */
    apiCaller: string;
    /** set when the redeem rate limits already counted this request (worker/shop/redeem-sold-out.tsx) */
    rateCounted: boolean;
  };
};
