// The language switch (issue 11): `GET /lang?to=en&back=/items/3` stores the choice in the `lang` cookie and
// sends the browser back to the page it came from, so the switch is a plain link that works without
// JavaScript, for guests, members and the console alike. Only a display preference is written (no session, no
// data), so it needs no CSRF token; `back` must be a path of this site (no open redirect).
import { Hono } from "hono";
import { setCookie } from "hono/cookie";
import { z } from "zod";
import { LOCALES, lazy } from "../../views/i18n";
import type { AppEnv } from "../app-env";
import { isBackPath, LOCALE_COOKIE } from "../middleware/locale";
import { validate } from "../validate";

/** A year: the choice outlives sessions. */
export const LOCALE_COOKIE_MAX_AGE_S = 365 * 24 * 3600;

const LangQuery = z.object({
  to: z.enum(LOCALES, { error: lazy("locale.error.to") }),
  back: z
    .string()
    .refine(isBackPath, { error: lazy("locale.error.back") })
    .optional(),
});

export const localeRoutes = new Hono<AppEnv>().get("/lang", validate("query", LangQuery, "BAD_REQUEST"), (c) => {
  const { to, back } = c.req.valid("query");
  setCookie(c, LOCALE_COOKIE, to, {
    path: "/",
    httpOnly: true,
    sameSite: "Lax",
    secure: c.env.MALL_ENV === "production",
    maxAge: LOCALE_COOKIE_MAX_AGE_S,
  });
  c.header("Cache-Control", "no-store");
  return c.redirect(back ?? "/", 303);
});
