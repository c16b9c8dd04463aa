// Console sign-in: login (own session cookie, lockout with back-off per account and per client) and logout
// (the session ends on the server too). Every attempt that changes something writes its audit row in the
// same batch.
import { eq, lt, sql } from "drizzle-orm";
import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import { adminSessionRevocations, adminUsers } from "../../../db/schema";
import { AdminLoginPage } from "../../../views/admin/login-page";
import { t } from "../../../views/i18n";
import type { AppEnv } from "../../app-env";
import { auditEntry } from "../../audit/audit-log";
import { AppError } from "../../errors";
import { CSRF_FIELD } from "../../identity/csrf";
import { pageResponse } from "../../render";
import { loadSettings } from "../../settings/load-settings";
import { requireCsrf } from "../context";
import { LOGIN_PATH } from "../middleware";
import { DUMMY_HASH, hashPassword, verifyPassword } from "../password";
import { endAdminSession, loginCsrfToken, startAdminSession, verifyLoginCsrf } from "../session";
import { Email, userTarget } from "../users/admin-user";
import {
  accountLockMs,
  FREE_FAILURES,
  clearClient,
  clientFailure,
  clientKey,
  clientThrottleQuery,
  isKnownDevice,
  rememberDevice,
} from "./login-throttle";

const LoginForm = z.object({ email: Email, password: z.string().min(1, "password").max(200) });

/** When there is no admin yet, the owner is created from ADMIN_EMAIL / ADMIN_PASSWORD (idempotent). */
async function ensureOwner(c: Context<AppEnv>): Promise<void> {
  const db = c.var.db;
  const any = await db.select({ id: adminUsers.id }).from(adminUsers).limit(1);
  if (any.length > 0 || !c.env.ADMIN_EMAIL || !c.env.ADMIN_PASSWORD) return;
  const email = c.env.ADMIN_EMAIL.trim().toLowerCase();
  const hash = await hashPassword(c.env.ADMIN_PASSWORD);
  await db.run(
    sql`insert into admin_users (email, password_hash, role) select ${email}, ${hash}, 'owner' where not exists (select 1 from admin_users) on conflict do nothing`,
  );
}

async function loginPage(c: Context<AppEnv>, status: 200 | 401 | 422 | 429, email?: string, error?: string) {
  const [{ mall }, csrf] = await Promise.all([loadSettings(c.var.db), loginCsrfToken(c)]);
  const res = await pageResponse(
    <AdminLoginPage brandColor={mall.brandColor} csrf={csrf} email={email} error={error} />,
    mall.brandColor,
    status,
  );
  // the pre-session cookie, if loginCsrfToken just set it
  for (const cookie of c.res.headers.getSetCookie()) res.headers.append("Set-Cookie", cookie);
  return res;
}

/** /admin/login, before the console asks for a session. */
export const adminLoginRoutes = new Hono<AppEnv>()
  .get("/", (c) => loginPage(c, 200))

  .post("/", async (c) => {
    const form = await c.req.parseBody();
    if (!(await verifyLoginCsrf(c, form[CSRF_FIELD]))) throw new AppError("CSRF_FAILED");
    const parsed = LoginForm.safeParse(form);
    if (!parsed.success)
      return loginPage(c, 422, typeof form.email === "string" ? form.email : undefined, t("admin.login.failed"));
    const { email, password } = parsed.data;

    await ensureOwner(c);
    const db = c.var.db;
    const now = Date.now();
    const client = clientKey(c);
    const [users, throttles] = await db.batch([
      db.select().from(adminUsers).where(eq(adminUsers.email, email)).limit(1),
      clientThrottleQuery(db, client),
    ]);
    const user = users[0];
    const throttle = throttles[0];

    // A locked client is refused before any password is checked, whatever the account (nothing is written).
    // A locked account too — except in a browser that signed in to it before.
    const clientLockedUntil = throttle?.lockedUntil ?? null;
    const accountLockedUntil =
      user && user.lockedUntil !== null && user.lockedUntil > now && !(await isKnownDevice(c, user.id))
        ? user.lockedUntil
        : null;
    const lockedUntil = Math.max(
      clientLockedUntil !== null && clientLockedUntil > now ? clientLockedUntil : 0,
      accountLockedUntil ?? 0,
    );
    if (lockedUntil > now) {
      const seconds = Math.ceil((lockedUntil - now) / 1000);
      const res = await loginPage(c, 429, email, t("admin.login.locked", { seconds }));
      res.headers.set("Retry-After", String(seconds));
      return res;
    }

    // Unknown email: the same derivation against a dummy hash, the same message.
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok) {
      const writes: Parameters<typeof db.batch>[0][number][] = [clientFailure(db, client, now)];
      if (user) {
        const failures = user.failedLogins + 1;
        const lock = accountLockMs(failures);
        const locked = lock > 0 ? now + lock : null;
        writes.push(
          db
            .update(adminUsers)
            .set({ failedLogins: sql`${adminUsers.failedLogins} + 1`, lockedUntil: locked })
            .where(eq(adminUsers.id, user.id)),
          auditEntry(db, {
            actor: email,
            action: "admin.login_failed",
            target: userTarget(user.email),
            before: { failedLogins: user.failedLogins },
            after: { failedLogins: failures, lockedUntil: locked },
            at: now,
          }),
        );
      } else if ((throttle?.failures ?? 0) + 1 === FREE_FAILURES) {
        // Unknown e-mails write no audit row each: one when their client gets locked.
        writes.push(
          auditEntry(db, {
            actor: email,
            action: "admin.login_failed",
            target: "admin_user:unknown",
            after: { client, locked: true },
            at: now,
          }),
        );
      }
      await db.batch(writes as [(typeof writes)[number], ...(typeof writes)[number][]]);
      return loginPage(c, 401, email, t("admin.login.failed"));
    }

    await db.batch([
      db
        .update(adminUsers)
        .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now })
        .where(eq(adminUsers.id, user.id)),
      clearClient(db, client),
      auditEntry(db, {
        actor: user.email,
        action: "admin.login",
        target: userTarget(user.email),
        before: { lastLoginAt: user.lastLoginAt, failedLogins: user.failedLogins },
        after: { lastLoginAt: now, failedLogins: 0 },
        at: now,
      }),
    ]);
    await rememberDevice(c, user.id);
    await startAdminSession(c, user.id);
    return c.redirect("/admin/dashboard", 303);
  });

/** /admin/logout, signed in. */
export const adminLogoutRoutes = new Hono<AppEnv>().post("/", async (c) => {
  const form = await c.req.parseBody();
  await requireCsrf(c, form[CSRF_FIELD]);
  // The session ends on the server too, not just this browser's cookie; expired revocations are pruned.
  const db = c.var.db;
  await db.batch([
    db
      .insert(adminSessionRevocations)
      .values({ sid: c.var.admin.sid, expiresAt: c.var.admin.exp })
      .onConflictDoNothing(),
    db.delete(adminSessionRevocations).where(lt(adminSessionRevocations.expiresAt, Date.now())),
  ]);
  endAdminSession(c);
  return c.redirect(LOGIN_PATH, 303);
});
