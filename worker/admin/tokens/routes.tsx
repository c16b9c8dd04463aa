// 接口令牌 /admin/tokens (owners only): the Merchant API's tokens, creating one (shown once, stored as its
// hash) and revoking one. Every change writes its audit row in the same batch.
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import { apiKeys } from "../../../db/schema";
import { AdminTokensPage } from "../../../views/admin/tokens-page";
import { t } from "../../../views/i18n";
import { tokenHash } from "../../api/auth";
import type { AppEnv } from "../../app-env";
import { auditEntry } from "../../audit/audit-log";
import { AppError } from "../../errors";
import { CSRF_FIELD } from "../../identity/csrf";
import { pageResponse } from "../../render";
import { loadSettings } from "../../settings/load-settings";
import { text } from "../../text-rule";
import { validate } from "../../validate";
import { meView, requireCsrf } from "../context";
import { requireRole } from "../middleware";
import { newApiToken, tokenPrefix } from "./api-token";

const IdParam = z.object({ id: z.string().regex(/^[0-9]{1,12}$/, "id") });
const TokenForm = z.object({
  name: text({ max: 40, messages: { required: "name", tooLong: "name", invalid: "name" } }),
  [CSRF_FIELD]: z.string().optional(),
});

const tokenTarget = (id: number) => `api_key:${id}`;

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
    <AdminTokensPage
      brandColor={settings.mall.brandColor}
      timeZone={settings.timeZone}
      me={me}
      tokens={tokens}
      created={created}
    />,
    settings.mall.brandColor,
  );
}

export const adminTokensRoutes = new Hono<AppEnv>()
  .get("/", requireRole("owner"), (c) => tokensPage(c))

  .post("/", requireRole("owner"), async (c) => {
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

  .post("/:id/revoke", requireRole("owner"), validate("param", IdParam, "BAD_REQUEST"), async (c) => {
    const form = await c.req.parseBody();
    await requireCsrf(c, form[CSRF_FIELD]);
    const id = Number(c.req.valid("param").id);
    const db = c.var.db;
    const key = (await db.select().from(apiKeys).where(eq(apiKeys.id, id)).limit(1))[0];
    if (!key) throw new AppError("API_KEY_NOT_FOUND");
    if (key.revokedAt === null) {
      const now = Date.now();
      await db.batch([
        db
          .update(apiKeys)
          .set({ revokedAt: now })
          .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt))),
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
