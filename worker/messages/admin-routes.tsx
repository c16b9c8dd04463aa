// 设置 → 消息通知 in the console (owners only, like the rest of 设置): GET shows the form, POST saves the expiry
// reminder's N days and the template id per kind (422 with the field's message, nothing saved, on bad input),
// with its audit row in one batch. The save records the console's origin: WeChat messages link there.
import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import { messageSends } from "../../db/schema";
import { MESSAGE_KINDS, type MessageKind } from "../../domain";
import {
  MessageSettingsPage,
  type MessageSettingsPageProps,
  type SendCounts,
} from "../../views/admin/messages/message-settings-page";
import { t } from "../../views/i18n";
import { meView, requireCsrf } from "../admin/context";
import { requireRole } from "../admin/middleware";
import type { AppEnv } from "../app-env";
import { CSRF_FIELD } from "../identity/csrf";
import { pageResponse } from "../render";
import { loadSettings } from "../settings/load-settings";
import { validate } from "../validate";
import { count } from "drizzle-orm";
import { MAX_EXPIRY_DAYS, TEMPLATE_ID, loadMessageSettings, saveMessageSettings, type Templates } from "./settings";

type Ctx = Context<AppEnv>;
const SavedQuery = z.object({ saved: z.enum(["1"]).optional() });

async function sendCounts(c: Ctx): Promise<SendCounts> {
  const rows = await c.var.db
    .select({ state: messageSends.state, n: count() })
    .from(messageSends)
    .groupBy(messageSends.state);
  const by = Object.fromEntries(rows.map((r) => [r.state, r.n]));
  return {
    pending: (by.pending ?? 0) + (by.sending ?? 0),
    sent: by.sent ?? 0,
    refused: by.refused ?? 0,
    failed: by.failed ?? 0,
  };
}

async function page(c: Ctx, props: Partial<MessageSettingsPageProps>, status: 200 | 422 = 200) {
  const [s, me, current, sends] = await Promise.all([
    loadSettings(c.var.db),
    meView(c),
    loadMessageSettings(c.var.db),
    sendCounts(c),
  ]);
  return pageResponse(
    <MessageSettingsPage
      brandColor={s.mall.brandColor}
      me={me}
      values={{ expiryDays: String(current.expiryDays), templates: current.templates }}
      sends={sends}
      {...props}
    />,
    s.mall.brandColor,
    status,
  );
}

const str = (v: unknown) => (typeof v === "string" ? v.trim() : "");

export const adminMessageSettingsRoutes = new Hono<AppEnv>()
  .use("*", requireRole("owner"))
  .get("/", validate("query", SavedQuery, "BAD_REQUEST"), async (c) =>
    page(c, { saved: c.req.valid("query").saved === "1" }),
  )
  .post("/", async (c) => {
    const body = await c.req.parseBody();
    await requireCsrf(c, body[CSRF_FIELD]);
    const errors: MessageSettingsPageProps["errors"] = {};
    const daysText = str(body.expiryDays);
    const days = /^\d{1,2}$/.test(daysText) ? Number(daysText) : Number.NaN;
    if (!Number.isInteger(days) || days < 0 || days > MAX_EXPIRY_DAYS) errors.expiryDays = t("messages.admin.badDays");
    const templates: Templates = {};
    const raw: Partial<Record<MessageKind, string>> = {};
    for (const k of MESSAGE_KINDS) {
      const v = str(body[`template_${k}`]);
      raw[k] = v;
      if (v === "") continue;
      if (!TEMPLATE_ID.test(v)) errors[k] = t("messages.admin.badTemplate");
      else templates[k] = v;
    }
    if (Object.keys(errors).length > 0)
      return page(c, { values: { expiryDays: daysText, templates: raw }, errors }, 422);
    await saveMessageSettings(
      c.var.db,
      c.var.admin.email,
      { expiryDays: days, templates, siteOrigin: new URL(c.req.url).origin },
      Date.now(),
    );
    return c.redirect("/admin/settings/messages?saved=1", 303);
  });
