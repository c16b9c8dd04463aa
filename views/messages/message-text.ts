// A message's words: its kind and the facts its trigger recorded (params) → title and body from the catalogue.
// The message centre renders them; the WeChat send outbox puts the same words into the subscribe message.
import type { MessageKind } from "../../domain";
import { formatDate } from "../format";
import { t } from "../i18n";

export type MessageText = { title: string; body: string };

type Params = Record<string, string | number>;

const str = (p: Params, k: string) => String(p[k] ?? "");
const num = (p: Params, k: string) => Number(p[k] ?? 0);

export function messageText(kind: MessageKind, p: Params, timeZone: string): MessageText {
  switch (kind) {
    case "points_expiring":
      return {
        title: t("messages.kind.points_expiring.title"),
        body: t("messages.kind.points_expiring.body", {
          points: num(p, "points"),
          date: formatDate(num(p, "expiresAt"), timeZone),
        }),
      };
    case "order_shipped":
      return {
        title: t("messages.kind.order_shipped.title"),
        body: str(p, "trackingNo")
          ? t("messages.kind.order_shipped.body", {
              item: str(p, "item"),
              carrier: str(p, "carrier"),
              trackingNo: str(p, "trackingNo"),
            })
          : t("messages.kind.order_shipped.bodyNoTracking", { item: str(p, "item") }),
      };
    case "coupon_issued":
      return {
        title: t("messages.kind.coupon_issued.title"),
        body: t("messages.kind.coupon_issued.body", { item: str(p, "item"), qty: num(p, "qty") }),
      };
    case "lottery_prize":
      return {
        title: t("messages.kind.lottery_prize.title"),
        body:
          p.points !== undefined
            ? t("messages.kind.lottery_prize.points", { prize: str(p, "prize"), points: num(p, "points") })
            : t("messages.kind.lottery_prize.item", { prize: str(p, "prize") }),
      };
    case "group_result":
      return p.state === "completed"
        ? {
            title: t("messages.kind.group_result.completed"),
            body: t("messages.kind.group_result.completedBody", { item: str(p, "item") }),
          }
        : {
            title: t("messages.kind.group_result.failed"),
            body: t("messages.kind.group_result.failedBody", { item: str(p, "item") }),
          };
    case "task_reward":
      return {
        title: t("messages.kind.task_reward.title"),
        body: t("messages.kind.task_reward.body", { reason: str(p, "reason"), points: num(p, "points") }),
      };
  }
}
