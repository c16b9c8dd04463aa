// Helpers for the lottery's workerd tests (not imported by the Worker).
import { env } from "cloudflare:workers";
import type { WalletRules } from "../wallet/types";
import { lotteryFor } from "./lottery-stub";
import { configOf, type LotteryInput } from "./rows";
import type { Versioned } from "./types";

export function lotteryInput(over: Partial<LotteryInput> = {}): LotteryInput {
  return {
    name: "测试大转盘",
    kind: "wheel",
    costPoints: 10,
    dailyLimit: 5,
    totalLimit: null,
    freeDrawsPerDay: 0,
    startsAt: null,
    endsAt: null,
    tiers: [],
    prizes: [
      { name: "50 积分", kind: "points", points: 50, itemId: null, weight: 1, stock: 5 },
      { name: "谢谢参与", kind: "none", points: null, itemId: null, weight: 3, stock: null },
    ],
    ...over,
  };
}

/** A fresh lottery object (no Turso row: the object only needs the definition, passed with each call). */
export function newLottery(over: Partial<LotteryInput> = {}) {
  const id = `L${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const v: Versioned = { version: 1, config: configOf(id, lotteryInput(over)) };
  return { id, v, stub: lotteryFor(env, id) };
}

export function drawInput(v: Versioned, uid: string, rules: WalletRules, key = crypto.randomUUID(), now = Date.now()) {
  return { ...v, uid, key, now, rules, address: null };
}
