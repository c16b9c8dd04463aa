// The en catalogue: English, as a native speaker would read a shopping app. Same feature files and keys as ../zh-CN (each file
// `satisfies` its zh-CN twin); `npm run i18n:missing` lists what is missing here.
import type { Catalogue } from "../types";
import type { zhCN } from "../zh-CN";
import { apiMessages } from "./api";
import { addressesMessages } from "./addresses";
import { adminAuditMessages } from "./admin-audit";
import { adminConsoleMessages } from "./admin-console";
import { adminDashboardMessages } from "./admin-dashboard";
import { adminItemsMessages } from "./admin-items";
import { adminLoginMessages } from "./admin-login";
import { adminLotteriesMessages } from "./admin-lotteries";
import { adminCampaignsMessages } from "./admin-campaigns";
import { duibaMessages } from "./duiba";
import { leaderboardMessages } from "./leaderboard";
import { adminMembersMessages } from "./admin-members";
import { adminOrdersMessages } from "./admin-orders";
import { adminSettingsMessages } from "./admin-settings";
import { adminTokensMessages } from "./admin-tokens";
import { adminUsersMessages } from "./admin-users";
import { adminWebhooksMessages } from "./admin-webhooks";
import { commonMessages } from "./common";
import { errorMessages } from "./errors";
import { localeMessages } from "./locale";
import { lotteryMessages } from "./lottery";
import { memberMessages } from "./member";
import { messagesMessages } from "./messages";
import { ordersMessages } from "./orders";
import { paymentsMessages } from "./payments";
import { redeemMessages } from "./redeem";
import { settingsMessages } from "./settings";
import { shopMessages } from "./shop";
import { stockMessages } from "./stock";
import { adminGroupDealsMessages } from "./admin-group-deals";
import { adminTasksMessages } from "./admin-tasks";
import { campaignsMessages } from "./campaigns";
import { codesMessages } from "./codes";
import { groupBuyMessages } from "./group-buy";
import { referralsMessages } from "./referrals";
import { tasksMessages } from "./tasks";
import { walletMessages } from "./wallet";
import { wechatMessages } from "./wechat";

export const en = {
  ...commonMessages,
  ...shopMessages,
  ...stockMessages,
  ...walletMessages,
  ...memberMessages,
  ...errorMessages,
  ...redeemMessages,
  ...addressesMessages,
  ...ordersMessages,
  ...paymentsMessages,
  ...apiMessages,
  ...adminConsoleMessages,
  ...adminLoginMessages,
  ...adminUsersMessages,
  ...adminTokensMessages,
  ...adminAuditMessages,
  ...adminItemsMessages,
  ...adminOrdersMessages,
  ...adminMembersMessages,
  ...adminSettingsMessages,
  ...settingsMessages,
  ...adminDashboardMessages,
  ...lotteryMessages,
  ...adminLotteriesMessages,
  ...wechatMessages,
  ...adminWebhooksMessages,
  ...localeMessages,
  ...tasksMessages,
  ...groupBuyMessages,
  ...codesMessages,
  ...referralsMessages,
  ...adminTasksMessages,
  ...adminGroupDealsMessages,
  ...messagesMessages,
  ...campaignsMessages,
  ...leaderboardMessages,
  ...adminCampaignsMessages,
  ...duibaMessages,
} satisfies Catalogue<typeof zhCN>;
