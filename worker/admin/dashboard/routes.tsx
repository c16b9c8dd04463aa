// 概览 /admin/dashboard (owners and operators): the figures of today and the last 30 merchant-local days, and
// for owners the notices of webhook endpoints disabled after failing and of payments to act on (a flagged
// payment, a refund the provider reported abnormal or closed).
import { Hono } from "hono";
import { AdminDashboardPage } from "../../../views/admin/dashboard/dashboard-page";
import type { AppEnv } from "../../app-env";
import { pageResponse } from "../../render";
import { loadSettings } from "../../settings/load-settings";
import { meView } from "../context";
import { failingEndpoints } from "../../webhooks/endpoints";
import { attentionPayments } from "../../payments/summaries";
import { dashboardFigures } from "./figures";

export const adminDashboardRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const owner = c.var.admin.role === "owner";
  const [settings, me, failing, attention] = await Promise.all([
    loadSettings(c.var.db),
    meView(c),
    owner ? failingEndpoints(c.var.db) : Promise.resolve([]),
    owner ? attentionPayments(c.var.db) : Promise.resolve([]),
  ]);
  const figures = await dashboardFigures(c.var.db, { now: Date.now(), timeZone: settings.timeZone });
  return pageResponse(
    <AdminDashboardPage
      brandColor={settings.mall.brandColor}
      me={me}
      figures={figures}
      failingWebhooks={failing.map((e) => ({ id: e.id, url: e.url }))}
      paymentAttention={attention}
    />,
    settings.mall.brandColor,
  );
});
