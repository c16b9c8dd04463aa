// 管理员 /admin/users (owners only): the list of admins, adding an operator (a one-time password shown once)
// and removing an admin (never oneself nor the last owner). Every change writes its audit row in the same batch.
import { asc, eq, sql } from "drizzle-orm";
import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import { adminUsers } from "../../../db/schema";
import { AdminUsersPage } from "../../../views/admin/users-page";
import { t } from "../../../views/i18n";
import type { AppEnv } from "../../app-env";
import { auditEntry } from "../../audit/audit-log";
import { isUniqueViolation } from "../../db-errors";
import { AppError } from "../../errors";
import { CSRF_FIELD } from "../../identity/csrf";
import { pageResponse } from "../../render";
import { loadSettings } from "../../settings/load-settings";
import { validate } from "../../validate";
import { meView, requireCsrf } from "../context";
import { requireRole } from "../middleware";
import { hashPassword, randomPassword } from "../password";
import { Email, userTarget } from "./admin-user";

const CreateForm = z.object({ email: Email, [CSRF_FIELD]: z.string().optional() });
const IdParam = z.object({ id: z.string().regex(/^[0-9]{1,12}$/, "id") });

async function usersPage(c: Context<AppEnv>, created?: { email: string; password: string }) {
  const [settings, users, me] = await Promise.all([
    loadSettings(c.var.db),
    c.var.db
      .select({
        id: adminUsers.id,
        email: adminUsers.email,
        role: adminUsers.role,
        lastLoginAt: adminUsers.lastLoginAt,
      })
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

export const adminUsersRoutes = new Hono<AppEnv>()
  .get("/", requireRole("owner"), (c) => usersPage(c))

  .post("/", requireRole("owner"), async (c) => {
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
        auditEntry(db, {
          actor: c.var.admin.email,
          action: "admin.user_create",
          target: userTarget(email),
          before: null,
          after: { email, role: "operator" },
          at: now,
        }),
      ]);
    } catch (err) {
      if (isUniqueViolation(err, "admin_users.email")) throw new AppError("ADMIN_EMAIL_TAKEN");
      throw err;
    }
    return usersPage(c, { email, password });
  })

  .post("/:id/remove", requireRole("owner"), validate("param", IdParam, "BAD_REQUEST"), async (c) => {
    const form = await c.req.parseBody();
    await requireCsrf(c, form[CSRF_FIELD]);
    const id = Number(c.req.valid("param").id);
    const db = c.var.db;
    const target = (await db.select().from(adminUsers).where(eq(adminUsers.id, id)).limit(1))[0];
    if (!target) throw new AppError("ADMIN_USER_NOT_FOUND");
    if (target.id === c.var.admin.id) throw new AppError("ADMIN_CANNOT_REMOVE");
    if (target.role === "owner") {
      const [row] = await db
        .select({ owners: sql<number>`count(*)` })
        .from(adminUsers)
        .where(eq(adminUsers.role, "owner"));
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
  });
