// The console's and the API's English files against their zh-CN twins: the same keys in the same order, the
// same {placeholders}, and English text (no Chinese left but where the code needs it). tsc already refuses a
// missing or extra key (each file `satisfies Catalogue<typeof zh>`); this test adds order, placeholders and
// the untranslated check. The locales project's every-locale test supersedes it.
import { describe, expect, test } from "vitest";
import { adminAuditMessages as zhAdminAudit } from "../zh-CN/admin-audit";
import { adminAuditMessages as enAdminAudit } from "./admin-audit";
import { adminConsoleMessages as zhAdminConsole } from "../zh-CN/admin-console";
import { adminConsoleMessages as enAdminConsole } from "./admin-console";
import { adminDashboardMessages as zhAdminDashboard } from "../zh-CN/admin-dashboard";
import { adminDashboardMessages as enAdminDashboard } from "./admin-dashboard";
import { adminLoginMessages as zhAdminLogin } from "../zh-CN/admin-login";
import { adminLoginMessages as enAdminLogin } from "./admin-login";
import { adminLotteriesMessages as zhAdminLotteries } from "../zh-CN/admin-lotteries";
import { adminLotteriesMessages as enAdminLotteries } from "./admin-lotteries";
import { adminMembersMessages as zhAdminMembers } from "../zh-CN/admin-members";
import { adminMembersMessages as enAdminMembers } from "./admin-members";
import { adminTokensMessages as zhAdminTokens } from "../zh-CN/admin-tokens";
import { adminTokensMessages as enAdminTokens } from "./admin-tokens";
import { adminUsersMessages as zhAdminUsers } from "../zh-CN/admin-users";
import { adminUsersMessages as enAdminUsers } from "./admin-users";
import { adminGroupDealsMessages as zhAdminGroupDeals } from "../zh-CN/admin-group-deals";
import { adminGroupDealsMessages as enAdminGroupDeals } from "./admin-group-deals";
import { adminTasksMessages as zhAdminTasks } from "../zh-CN/admin-tasks";
import { adminTasksMessages as enAdminTasks } from "./admin-tasks";
import { adminItemsMessages as zhAdminItems } from "../zh-CN/admin-items";
import { adminItemsMessages as enAdminItems } from "./admin-items";
import { adminOrdersMessages as zhAdminOrders } from "../zh-CN/admin-orders";
import { adminOrdersMessages as enAdminOrders } from "./admin-orders";
import { adminSettingsMessages as zhAdminSettings } from "../zh-CN/admin-settings";
import { adminSettingsMessages as enAdminSettings } from "./admin-settings";
import { adminWebhooksMessages as zhAdminWebhooks } from "../zh-CN/admin-webhooks";
import { adminWebhooksMessages as enAdminWebhooks } from "./admin-webhooks";
import { apiMessages as zhApi } from "../zh-CN/api";
import { apiMessages as enApi } from "./api";

type Texts = Readonly<Record<string, string>>;

/** [file, zh-CN, en] for every console and API catalogue file written in English. */
const PAIRS: [string, Texts, Texts][] = [
  ["admin-audit", zhAdminAudit, enAdminAudit],
  ["admin-console", zhAdminConsole, enAdminConsole],
  ["admin-dashboard", zhAdminDashboard, enAdminDashboard],
  ["admin-login", zhAdminLogin, enAdminLogin],
  ["admin-lotteries", zhAdminLotteries, enAdminLotteries],
  ["admin-members", zhAdminMembers, enAdminMembers],
  ["admin-tokens", zhAdminTokens, enAdminTokens],
  ["admin-users", zhAdminUsers, enAdminUsers],
  ["admin-group-deals", zhAdminGroupDeals, enAdminGroupDeals],
  ["admin-tasks", zhAdminTasks, enAdminTasks],
  ["admin-items", zhAdminItems, enAdminItems],
  ["admin-orders", zhAdminOrders, enAdminOrders],
  ["admin-settings", zhAdminSettings, enAdminSettings],
  ["admin-webhooks", zhAdminWebhooks, enAdminWebhooks],
  ["api", zhApi, enApi],
];

/** Keys whose English keeps Chinese on purpose: the survey parser (worker/admin/tasks/task-form.ts) reads
 *  the prefixes 单选/多选/问答, so the hint must show them as they are typed. */
const CHINESE_ON_PURPOSE = new Set(["admin.tasks.questionsHint", "admin.tasks.questionKind"]);

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "").sort();
}

describe.each(PAIRS)("en/%s.ts", (_file, zh, en) => {
  test("has the zh-CN keys in the same order", () => {
    expect(Object.keys(en)).toEqual(Object.keys(zh));
  });

  test("keeps every placeholder of each zh-CN text, and adds none", () => {
    const differ = Object.keys(zh).filter((k) => placeholders(zh[k] ?? "").join() !== placeholders(en[k] ?? "").join());
    expect(differ).toEqual([]);
  });

  test("is English: no empty text, no Chinese characters or full-width punctuation left", () => {
    const bad = Object.entries(en).filter(([k, v]) => v.trim() === "" || (CJK.test(v) && !CHINESE_ON_PURPOSE.has(k)));
    expect(bad).toEqual([]);
  });
});

test("the placeholder check can fail", () => {
  expect(placeholders("{a} and {b}")).not.toEqual(placeholders("{a} and {c}"));
  expect(placeholders("{n} 次")).toEqual(["n"]);
});
