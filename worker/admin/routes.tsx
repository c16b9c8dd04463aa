// The merchant console, first slice: login/logout (own session cookie, lockout with back-off), the audit
// log, and (owners only) the list of admins and the Merchant API's tokens. Every mutation writes its audit
// row in the same batch.
import { and, asc, desc, eq, isNull, lt, sql } from "drizzle-orm";
import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import { text } from "../text-rule";
import { adminSessionRevocations, adminUsers, apiKeys } from "../../db/schema";
import { AdminAuditPage, AuditRows } from "../../views/admin/audit-page";
import { AdminLoginPage } from "../../views/admin/login-page";
import { AdminTokensPage } from "../../views/admin/tokens-page";
import type { AuditRowView } from "../../views/admin/types";
import { AdminUsersPage } from "../../views/admin/users-page";
import { t } from "../../views/i18n";
import { tokenHash } from "../api/auth";
import type { AppEnv } from "../app-env";
import { AppError } from "../errors";
import { CSRF_FIELD } from "../identity/csrf";
import { fragmentResponse, pageResponse } from "../render";
import { loadSettings } from "../settings/load-settings";
import { validate } from "../validate";
import { adminItemsRoutes } from "./items/routes";
import { auditEntry, auditPage, type AuditRow } from "../audit/audit-log";
import { adminOrdersRoutes } from "./orders/routes";
import { meView, requireCsrf } from "./context";
import { adminSettingsRoutes } from "./settings/routes";
import { adminDashboardRoutes } from "./dashboard/routes";
import { adminMemberRoutes } from "./members/routes";
import { LOGIN_PATH, requireAdmin, requireRole } from "./middleware";
import { DUMMY_HASH, hashPassword, randomPassword, verifyPassword } from "./password";
import { endAdminSession, loginCsrfToken, startAdminSession, verifyLoginCsrf } from "./session";
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

export { FREE_FAILURES, lockMs } from "./login-throttle";

const Email = z.string().trim().toLowerCase().email("email").max(254);
const LoginForm = z.object({ email: Email, password: z.string().min(1, "password").max(200) });
const CreateForm = z.object({ email: Email, [CSRF_FIELD]: z.string().optional() });
const AuditQuery = z.object({ cursor: z.string().regex(/^[0-9]{1,12}$/, "cursor").optional() });
const IdParam = z.object({ id: z.string().regex(/^[0-9]{1,12}$/, "id") });
const TokenForm = z.object({ name: text({ max: 40, messages: { required: "name", tooLong: "name", invalid: "name" } }), [CSRF_FIELD]: z.string().optional() });

const userTarget = (email: string) => `admin_user:${email}`;
const tokenTarget = (id: number) => `api_key:${id}`;

/** A new Merchant API token: `pm_` + 32 random bytes, base64url (no padding). */
export function newApiToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `pm_${btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")}`;
}

/** What the list shows of a token: `pm_` and its first 4 characters. */
export const tokenPrefix = (token: string) => token.slice(0, 7);

function auditView(r: AuditRow): AuditRowView {
  return { id: r.id, actor: r.actor, action: r.action, target: r.target, before: r.before, after: r.after, at: r.at };
}

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
  const res = await pageResponse(<AdminLoginPage brandColor={mall.brandColor} csrf={csrf} email={email} error={error} />, mall.brandColor, status);
  // the pre-session cookie, if loginCsrfToken just set it
  for (const cookie of c.res.headers.getSetCookie()) res.headers.append("Set-Cookie", cookie);
  return res;
}

async function usersPage(c: Context<AppEnv>, created?: { email: string; password: string }) {
  const [settings, users, me] = await Promise.all([
    loadSettings(c.var.db),
    c.var.db
      .select({ id: adminUsers.id, email: adminUsers.email, role: adminUsers.role, lastLoginAt: adminUsers.lastLoginAt })
      .from(adminUsers)
      .orderBy(asc(adminUsers.id)),
    meView(c),
  ]);
  return pageResponse(
    <AdminUsersPage
      brandColor={settings.mall.brandColor}
      timeZone={settings.timeZone}
      me={me}
      users={users.map((u) => ({ ...u, isMe: u.id === c.var.admin.id }))}
      created={created}
    />,
    settings.mall.brandColor,
  );
}

async function tokensPage(c: Context<AppEnv>, created?: { name: string; token: string }) {
  const [settings, tokens, me] = await Promise.all([
    loadSettings(c.var.db),
    c.var.db
      .select({
        id: apiKeys.id,
        name: apiKeys.name,
        prefix: apiKeys.prefix,
        createdAt: apiKeys.createdAt,
        lastUsedAt: apiKeys.lastUsedAt,
        revokedAt: apiKeys.revokedAt,
      })
      .from(apiKeys)
      .orderBy(desc(apiKeys.id)),
    meView(c),
  ]);
  return pageResponse(
    <AdminTokensPage brandColor={settings.mall.brandColor} timeZone={settings.timeZone} me={me} tokens={tokens} created={created} />,
    settings.mall.brandColor,
  );
}

export const adminRoutes = new Hono<AppEnv>()
  .get("/login", (c) => loginPage(c, 200))

  .post("/login", async (c) => {
    const form = await c.req.parseBody();
    if (!(await verifyLoginCsrf(c, form[CSRF_FIELD]))) throw new AppError("CSRF_FAILED");
    const parsed = LoginForm.safeParse(form);
    if (!parsed.success) return loginPage(c, 422, typeof form.email === "string" ? form.email : undefined, t("admin.login.failed"));
    const { email, password } = parsed.data;

    await ensureOwner(c);
    const db = c.var.db;
    const now = Date.now();
    const client = clientKey(c);
    const [users, throttles] = await db.batch([db.select().from(adminUsers).where(eq(adminUsers.email, email)).limit(1), clientThrottleQuery(db, client)]);
    const user = users[0];
    const throttle = throttles[0];

    // A locked client is refused before any password is checked, whatever the account (nothing is written).
    // A locked account too — except in a browser that signed in to it before.
    const clientLockedUntil = throttle?.lockedUntil ?? null;
    const accountLockedUntil = user && user.lockedUntil !== null && user.lockedUntil > now && !(await isKnownDevice(c, user.id)) ? user.lockedUntil : null;
    const lockedUntil = Math.max(clientLockedUntil !== null && clientLockedUntil > now ? clientLockedUntil : 0, accountLockedUntil ?? 0);
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
          db.update(adminUsers).set({ failedLogins: sql`${adminUsers.failedLogins} + 1`, lockedUntil: locked }).where(eq(adminUsers.id, user.id)),
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
        writes.push(auditEntry(db, { actor: email, action: "admin.login_failed", target: "admin_user:unknown", after: { client, locked: true }, at: now }));
      }
      await db.batch(writes as [(typeof writes)[number], ...(typeof writes)[number][]]);
      return loginPage(c, 401, email, t("admin.login.failed"));
    }

    await db.batch([
      db.update(adminUsers).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now }).where(eq(adminUsers.id, user.id)),
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
  })

  .use("*", requireAdmin)

  .get("/", (c) => c.redirect("/admin/dashboard", 303))

  // @section mounts (one `.route("/x", adminXRoutes)` line per section)
  .route("/items", adminItemsRoutes)
  .route("/settings", adminSettingsRoutes)
  .route("/orders", adminOrdersRoutes)
  .route("/members", adminMemberRoutes)
  .route("/dashboard", adminDashboardRoutes)

  .post("/logout", async (c) => {
    const form = await c.req.parseBody();
    await requireCsrf(c, form[CSRF_FIELD]);
    // The session ends on the server too, not just this browser's cookie; expired revocations are pruned.
    const db = c.var.db;
    await db.batch([
      db.insert(adminSessionRevocations).values({ sid: c.var.admin.sid, expiresAt: c.var.admin.exp }).onConflictDoNothing(),
      db.delete(adminSessionRevocations).where(lt(adminSessionRevocations.expiresAt, Date.now())),
    ]);
    endAdminSession(c);
    return c.redirect(LOGIN_PATH, 303);
  })

  .get("/audit", validate("query", AuditQuery, "BAD_REQUEST"), async (c) => {
    const { cursor } = c.req.valid("query");
    const [settings, page, me] = await Promise.all([loadSettings(c.var.db), auditPage(c.var.db, cursor === undefined ? undefined : Number(cursor)), meView(c)]);
    return pageResponse(
      <AdminAuditPage
        brandColor={settings.mall.brandColor}
        me={me}
        rows={page.rows.map(auditView)}
        nextCursor={page.nextCursor === null ? null : String(page.nextCursor)}
        timeZone={settings.timeZone}
      />,
      settings.mall.brandColor,
    );
  })

  .get("/audit/rows", validate("query", AuditQuery, "BAD_REQUEST"), async (c) => {
    const { cursor } = c.req.valid("query");
    const [settings, page] = await Promise.all([loadSettings(c.var.db), auditPage(c.var.db, cursor === undefined ? undefined : Number(cursor))]);
    return fragmentResponse(
      <AuditRows rows={page.rows.map(auditView)} nextCursor={page.nextCursor === null ? null : String(page.nextCursor)} timeZone={settings.timeZone} />,
    );
  })

  .get("/users", requireRole("owner"), (c) => usersPage(c))

  .post("/users", requireRole("owner"), async (c) => {
    const form = await c.req.parseBody();
    await requireCsrf(c, form[CSRF_FIELD]);
    const parsed = CreateForm.safeParse(form);
    if (!parsed.success) throw new AppError("VALIDATION_FAILED", t("admin.users.create.email"));
    const { email } = parsed.data;
    const db = c.var.db;
    const taken = await db.select({ id: adminUsers.id }).from(adminUsers).where(eq(adminUsers.email, email)).limit(1);
    if (taken.length > 0) throw new AppError("ADMIN_EMAIL_TAKEN");
    const password = randomPassword();
    const passwordHash = await hashPassword(password);
    const now = Date.now();
    try {
      await db.batch([
        db.insert(adminUsers).values({ email, passwordHash, role: "operator", createdAt: now }),
        auditEntry(db, { actor: c.var.admin.email, action: "admin.user_create", target: userTarget(email), before: null, after: { email, role: "operator" }, at: now }),
      ]);
    } catch (err) {
      if (String(err).includes("UNIQUE")) throw new AppError("ADMIN_EMAIL_TAKEN");
      throw err;
    }
    return usersPage(c, { email, password });
  })

  .post("/users/:id/remove", requireRole("owner"), validate("param", IdParam, "BAD_REQUEST"), async (c) => {
    const form = await c.req.parseBody();
    await requireCsrf(c, form[CSRF_FIELD]);
    const id = Number(c.req.valid("param").id);
    const db = c.var.db;
    const target = (await db.select().from(adminUsers).where(eq(adminUsers.id, id)).limit(1))[0];
    if (!target) throw new AppError("ADMIN_USER_NOT_FOUND");
    if (target.id === c.var.admin.id) throw new AppError("ADMIN_CANNOT_REMOVE");
    if (target.role === "owner") {
      const [row] = await db.select({ owners: sql<number>`count(*)` }).from(adminUsers).where(eq(adminUsers.role, "owner"));
      if ((row?.owners ?? 0) <= 1) throw new AppError("ADMIN_CANNOT_REMOVE");
    }
    const now = Date.now();
    await db.batch([
      db.delete(adminUsers).where(eq(adminUsers.id, id)),
      auditEntry(db, {
        actor: c.var.admin.email,
        action: "admin.user_remove",
        target: userTarget(target.email),
        before: { email: target.email, role: target.role },
        after: null,
        at: now,
      }),
    ]);
    return c.redirect("/admin/users", 303);
  })

  .get("/tokens", requireRole("owner"), (c) => tokensPage(c))

  .post("/tokens", requireRole("owner"), async (c) => {
    const form = await c.req.parseBody();
    await requireCsrf(c, form[CSRF_FIELD]);
    const parsed = TokenForm.safeParse(form);
    if (!parsed.success) throw new AppError("VALIDATION_FAILED", t("admin.tokens.create.name"));
    const { name } = parsed.data;
    const db = c.var.db;
    const token = newApiToken();
    const prefix = tokenPrefix(token);
    const now = Date.now();
    // The audit target names the new row's id, which only the insert knows: the audit row is an
    // insert … select of that row by its (unique) token hash, in the same batch.
    const hash = await tokenHash(token);
    await db.batch([
      db.insert(apiKeys).values({ name, tokenHash: hash, prefix, createdAt: now }),
      db.run(
        sql`insert into audit_log (actor, action, target, before, after, at) select ${c.var.admin.email}, 'admin.token_create', 'api_key:' || id, null, ${JSON.stringify({ name, prefix })}, ${now} from api_keys where token_hash = ${hash}`,
      ),
    ]);
    return tokensPage(c, { name, token });
  })

  .post("/tokens/:id/revoke", requireRole("owner"), validate("param", IdParam, "BAD_REQUEST"), async (c) => {
    const form = await c.req.parseBody();
    await requireCsrf(c, form[CSRF_FIELD]);
    const id = Number(c.req.valid("param").id);
    const db = c.var.db;
    const key = (await db.select().from(apiKeys).where(eq(apiKeys.id, id)).limit(1))[0];
    if (!key) throw new AppError("API_KEY_NOT_FOUND");
    if (key.revokedAt === null) {
      const now = Date.now();
      await db.batch([
        db.update(apiKeys).set({ revokedAt: now }).where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt))),
        auditEntry(db, {
          actor: c.var.admin.email,
          action: "admin.token_revoke",
          target: tokenTarget(id),
          before: { name: key.name, prefix: key.prefix, revokedAt: null },
          after: { name: key.name, prefix: key.prefix, revokedAt: now },
          at: now,
        }),
      ]);
    }
    return c.redirect("/admin/tokens", 303);
  });
