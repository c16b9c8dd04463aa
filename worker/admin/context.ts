// What every console handler needs from the request: the signed-in admin as the layout shows them, and the
// CSRF check for a form post (session-bound token + Origin).
import type { Context } from "hono";
import type { AdminMeView } from "../../views/admin/types";
import type { AppEnv } from "../app-env";
import { AppError } from "../errors";
import { adminCsrfToken, verifyAdminCsrf } from "./session";

export async function meView(c: Context<AppEnv>): Promise<AdminMeView> {
  const a = c.var.admin;
  return { email: a.email, role: a.role, csrf: await adminCsrfToken(c.env.SESSION_SECRET, a) };
}

/** Throws CSRF_FAILED (403) unless `token` is this session's and the request comes from our origin. */
export async function requireCsrf(c: Context<AppEnv>, token: unknown): Promise<void> {
  if (!(await verifyAdminCsrf(c, c.var.admin, token))) throw new AppError("CSRF_FAILED");
}
