// Guards for /admin/*: requireAdmin loads the logged-in admin (or sends the browser to the login page;
// htmx gets a 401 fragment that also asks it to go there), requireRole refuses other roles with 403.
import { eq, sql } from "drizzle-orm";
import { createMiddleware } from "hono/factory";
import { adminSessionRevocations, adminUsers } from "../../db/schema";
import { ErrorNotice } from "../../views/components/error-notice";
import { t } from "../../views/i18n";
import type { AppEnv } from "../app-env";
import { AppError } from "../errors";
import { fragmentResponse } from "../render";
import { isHtmx } from "../request-kind";
import type { AdminRole } from "./principal";
import { readAdminSession } from "./session";

export const LOGIN_PATH = "/admin/login";

export const requireAdmin = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.path === LOGIN_PATH) return next();
  const session = await readAdminSession(c);
  const user = session
    ? (
        await c.var.db
          .select({
            id: adminUsers.id,
            email: adminUsers.email,
            role: adminUsers.role,
            revoked: sql<
              number | null
            >`(select 1 from ${adminSessionRevocations} where ${adminSessionRevocations.sid} = ${session.sid})`,
          })
          .from(adminUsers)
          .where(eq(adminUsers.id, session.aid))
          .limit(1)
      )[0]
    : undefined;
  // A logged-out session is dead even if its cookie was copied elsewhere (same query, no extra round trip).
  if (!session || !user || user.revoked) {
    if (isHtmx(c.req.raw)) {
      return fragmentResponse(<ErrorNotice code="LOGIN_REQUIRED" message={t("admin.login.required")} />, 401, {
        "HX-Redirect": LOGIN_PATH,
      });
    }
    return c.redirect(LOGIN_PATH, 303);
  }
  c.set("admin", { id: user.id, email: user.email, role: user.role, sid: session.sid, exp: session.exp });
  return next();
});

/** Owner-only pages: owners pass, anyone else gets 403. */
export function requireRole(role: AdminRole) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (c.var.admin.role !== role) throw new AppError("FORBIDDEN");
    return next();
  });
}
