// Guard for the member's pages and actions (like requireAdmin for the console): a guest is answered here —
// a GET with the login page (htmx: the login prompt where the action happened), 200, since it is a page a
// guest may open; a POST with the same, 401 — and a member's POST must carry the session's CSRF token and
// come from our origin (403 CSRF_FAILED otherwise, nothing done). Handlers read the member as c.var.member.
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { LoginPrompt } from "../../views/components/login-prompt";
import { t } from "../../views/i18n";
import { LoginPage } from "../../views/pages/login-page";
import type { AppEnv } from "../app-env";
import { AppError } from "../errors";
import { CSRF_FIELD, verifyCsrf } from "../identity/csrf";
import { fragmentResponse, pageResponse } from "../render";
import { isHtmx } from "../request-kind";
import { loadSettings } from "../settings/load-settings";

type GuestAnswer = (c: Context<AppEnv>) => Promise<Response> | Response;

/** How to log in, as a page or (htmx) the fragment where the action happened; 401 for an action. */
export async function loginAnswer(c: Context<AppEnv>): Promise<Response> {
  const status = c.req.method === "GET" || c.req.method === "HEAD" ? 200 : 401;
  if (isHtmx(c.req.raw)) return fragmentResponse(<LoginPrompt />, status);
  const { mall } = await loadSettings(c.var.db);
  return pageResponse(<LoginPage mall={mall} reason={t("login.needed")} />, mall.brandColor, status);
}

function memberGuard(guest: GuestAnswer) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const session = c.var.session;
    if (!session) return guest(c);
    if (c.req.method === "POST") {
      // Hono keeps the parsed body, so the handler's own parseBody() reads the same form again.
      const form = await c.req.parseBody();
      if (!(await verifyCsrf(c.req.raw, c.env.SESSION_SECRET, session, form[CSRF_FIELD])))
        throw new AppError("CSRF_FAILED");
    }
    c.set("member", session);
    return next();
  });
}

/** Every member page and action: guests get the login help. */
export const requireMember = memberGuard(loginAnswer);

/** 退出登录: a guest has nothing to end and just goes home. */
export const requireMemberOrHome = memberGuard((c) => c.redirect("/", 303));
