// Every user-facing string, one file per feature, merged into the one zh-CN catalogue. `{name}`
// placeholders are filled by t(). Each file keeps `as const`, so MessageKey and the placeholders t() asks
// for are typed from the literal texts (see ../index.ts). A key lives in the file of its prefix.
// Other locales (../en, ../zh-Hant) have the same files, each `satisfies Catalogue<typeof its twin>`; a new
// key goes into every locale (catalogue.node.test.ts; `npm run i18n:missing` lists what is missing).
import { apiMessages } from "./api";
import { addressesMessages } from "./addresses";
import { adminAuditMessages } from "./admin-audit";
import { adminConsoleMessages } from "./admin-console";
import { adminDashboardMessages } from "./admin-dashboard";
import { adminGroupDealsMessages } from "./admin-group-deals";
import { adminItemsMessages } from "./admin-items";
import { adminLoginMessages } from "./admin-login";
import { adminLotteriesMessages } from "./admin-lotteries";
import { adminMembersMessages } from "./admin-members";
import { adminOrdersMessages } from "./admin-orders";
import { adminSettingsMessages } from "./admin-settings";
import { adminTokensMessages } from "./admin-tokens";
import { adminUsersMessages } from "./admin-users";
import { adminWebhooksMessages } from "./admin-webhooks";
import { campaignsMessages } from "./campaigns";
import { adminCampaignsMessages } from "./admin-campaigns";
import { leaderboardMessages } from "./leaderboard";
import { codesMessages } from "./codes";
import { duibaMessages } from "./duiba";
import { commonMessages } from "./common";
import { referralsMessages } from "./referrals";
import { errorMessages } from "./errors";
import { groupBuyMessages } from "./group-buy";
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
import { tasksMessages } from "./tasks";
import { adminTasksMessages } from "./admin-tasks";
import { walletMessages } from "./wallet";
import { wechatMessages } from "./wechat";

export const zhCN = {
  ...commonMessages,
  ...shopMessages,
  ...stockMessages,
  ...walletMessages,
  ...memberMessages,
  ...messagesMessages,
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
  ...tasksMessages,
  ...adminTasksMessages,
  ...groupBuyMessages,
  ...adminGroupDealsMessages,
  ...localeMessages,
  ...codesMessages,
  ...referralsMessages,
  ...campaignsMessages,
  ...duibaMessages,
  ...leaderboardMessages,
  ...adminCampaignsMessages,
} as const;
