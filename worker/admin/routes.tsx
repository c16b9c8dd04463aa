// The merchant console: sign-in first (the only pages without a session), then one section per capability,
// each mounted with `.route()` after requireAdmin. Every mutation writes its audit row in the same batch.
import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { adminAuditRoutes } from "./audit/routes";
import { adminDashboardRoutes } from "./dashboard/routes";
import { adminItemsRoutes } from "./items/routes";
import { adminLoginRoutes, adminLogoutRoutes } from "./login/routes";
import { adminGroupDealsRoutes } from "./group-deals/routes";
import { adminLotteriesRoutes } from "./lotteries/routes";
import { adminTasksRoutes } from "./tasks/routes";
import { adminMemberRoutes } from "./members/routes";
import { requireAdmin } from "./middleware";
import { adminOrdersRoutes } from "./orders/routes";
import { adminPaymentsRoutes } from "../payments/admin-routes";
import { adminSettingsRoutes } from "./settings/routes";
import { adminTokensRoutes } from "./tokens/routes";
import { adminUsersRoutes } from "./users/routes";
import { adminWebhooksRoutes } from "./webhooks/routes";
import { adminCodesRoutes } from "../codes/admin-routes";
import { adminReferralsRoutes } from "../referrals/admin-routes";
import { adminMessageSettingsRoutes } from "../messages/admin-routes";

export const adminRoutes = new Hono<AppEnv>()
  .route("/login", adminLoginRoutes)

  .use("*", requireAdmin)

  .get("/", (c) => c.redirect("/admin/dashboard", 303))

  // @section mounts (one `.route("/x", adminXRoutes)` line per section)
  .route("/items", adminItemsRoutes)
  .route("/settings/messages", adminMessageSettingsRoutes)
  .route("/settings", adminSettingsRoutes)
  .route("/orders", adminOrdersRoutes)
  .route("/members", adminMemberRoutes)
  .route("/dashboard", adminDashboardRoutes)
  .route("/logout", adminLogoutRoutes)
  .route("/audit", adminAuditRoutes)
  .route("/users", adminUsersRoutes)
  .route("/tokens", adminTokensRoutes)
  .route("/lotteries", adminLotteriesRoutes)
  .route("/group-deals", adminGroupDealsRoutes)
  .route("/webhooks", adminWebhooksRoutes)
  .route("/payments", adminPaymentsRoutes)
  .route("/tasks", adminTasksRoutes)
  .route("/codes", adminCodesRoutes)
  .route("/referrals", adminReferralsRoutes);
