// 概览 /admin/dashboard (owners and operators): the figures of today and the last 30 merchant-local days.
import { Hono } from "hono";
import { AdminDashboardPage } from "../../../views/admin/dashboard/dashboard-page";
import type { AppEnv } from "../../app-env";
import { pageResponse } from "../../render";
import { loadSettings } from "../../settings/load-settings";
import { meView } from "../context";
import { dashboardFigures } from "./figures";

export const adminDashboardRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const [settings, me] = await Promise.all([loadSettings(c.var.db), meView(c)]);
  const figures = await dashboardFigures(c.var.db, { now: Date.now(), timeZone: settings.timeZone });
  return pageResponse(
    <AdminDashboardPage brandColor={settings.mall.brandColor} me={me} figures={figures} />,
    settings.mall.brandColor,
  );
});
