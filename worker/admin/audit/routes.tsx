// 审计日志 /admin/audit: the audit log, newest first, one page at a time (htmx asks /audit/rows for more).
import { Hono } from "hono";
import { z } from "zod";
import { AdminAuditPage, AuditRows } from "../../../views/admin/audit-page";
import type { AuditRowView } from "../../../views/admin/audit-page";
import type { AppEnv } from "../../app-env";
import { auditPage, type AuditRow } from "../../audit/audit-log";
import { fragmentResponse, pageResponse } from "../../render";
import { loadSettings } from "../../settings/load-settings";
import { validate } from "../../validate";
import { meView } from "../context";

const AuditQuery = z.object({
  cursor: z
    .string()
    .regex(/^[0-9]{1,12}$/, "cursor")
    .optional(),
});

function auditView(r: AuditRow): AuditRowView {
  return { id: r.id, actor: r.actor, action: r.action, target: r.target, before: r.before, after: r.after, at: r.at };
}

export const adminAuditRoutes = new Hono<AppEnv>()
  .get("/", validate("query", AuditQuery, "BAD_REQUEST"), async (c) => {
    const { cursor } = c.req.valid("query");
    const [settings, page, me] = await Promise.all([
      loadSettings(c.var.db),
      auditPage(c.var.db, cursor === undefined ? undefined : Number(cursor)),
      meView(c),
    ]);
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

  .get("/rows", validate("query", AuditQuery, "BAD_REQUEST"), async (c) => {
    const { cursor } = c.req.valid("query");
    const [settings, page] = await Promise.all([
      loadSettings(c.var.db),
      auditPage(c.var.db, cursor === undefined ? undefined : Number(cursor)),
    ]);
    return fragmentResponse(
      <AuditRows
        rows={page.rows.map(auditView)}
        nextCursor={page.nextCursor === null ? null : String(page.nextCursor)}
        timeZone={settings.timeZone}
      />,
    );
  });
