// The Merchant API (/api/v1, JSON; docs/architecture.md §4.2): the OpenAPI document (no auth) and the member, item and
// order routes (Bearer auth). Unknown /api/ paths fall through to the app's notFound, which answers JSON
// for /api/.
import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { groupDealsApi } from "./group-deals";
import { itemsApi } from "./items";
import { lotteriesApi } from "./lotteries";
import { membersApi } from "./members";
import { openapi } from "./openapi";
import { ordersApi } from "./orders";
import { webhooksApi } from "./webhooks";
import { birthdayApi } from "../campaigns/api";
import { codeBatchesApi } from "../codes/api";
import { wechatBindingsApi } from "../wechat/binding-api";
import { memberEventsApi, tasksApi } from "../tasks/api";

export const api = new Hono<AppEnv>()
  .route("/", openapi)
  .route("/members", membersApi)
  .route("/members", wechatBindingsApi)
  .route("/items", itemsApi)
  .route("/orders", ordersApi)
  .route("/lotteries", lotteriesApi)
  .route("/webhooks", webhooksApi)
  .route("/tasks", tasksApi)
  .route("/members", memberEventsApi)
  .route("/members", birthdayApi)
  .route("/group-deals", groupDealsApi)
  .route("/code-batches", codeBatchesApi);
