// Helpers for the wallet's workerd tests (not imported by the Worker).
//
// Controlled clocks: tests pass their own `now`. The wallet's alarm runs on the real clock (≈1 s after a
// write), expiring lots due by real time and recalculating tiers in a later real month, so tests that step a
// controlled clock use instants far in the future (the 2090s), where the real-clock alarm finds nothing to do.
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { CAPPED_SOURCES, type CappedSource, parseRules } from "../settings/rules";
import type { WalletRules } from "./types";

export const SHANGHAI = "Asia/Shanghai";

/** The default rules (README: 1 point per ¥, bonus 50, 5-8-10-12-15-18-20, caps 100 for
 *  check-in / task / referral (code and other uncapped), end_of_year K=1,
 *  普通 / 黄金 2000 ×1.2 / 钻石 10000 ×1.5) in Asia/Shanghai, with overrides. */
export function rules(over: Partial<WalletRules> = {}): WalletRules {
  return { ...parseRules({}), timeZone: SHANGHAI, ...over };
}

/** rules().dailyCaps with some sources' caps changed. */
export function caps(over: Partial<Record<CappedSource, number | null>>): WalletRules["dailyCaps"] {
  return { ...parseRules({}).dailyCaps, ...over };
}

/** Every capped source capped at `cap` (null: none capped). */
export function capsAll(cap: number | null): WalletRules["dailyCaps"] {
  return Object.fromEntries(CAPPED_SOURCES.map((s) => [s, cap])) as WalletRules["dailyCaps"];
}

export function newWallet(prefix = "t") {
  const uid = `${prefix}-${crypto.randomUUID()}`;
  return { uid, stub: env.WALLET.getByName(uid) };
}

export const at = (iso: string): number => {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new Error(`bad instant ${iso}`);
  return t;
};

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

type Auditable = { audit(now: number): Promise<import("./types").WalletAudit> };

/** Asserts every invariant audit() measures; returns the audit. */
export async function expectHealthy(stub: Auditable, now: number) {
  const a = await stub.audit(now);
  expect(a.ledgerSum, "ledger sum").toBe(a.balance);
  expect(a.lastBalanceAfter, "last balance_after").toBe(a.balance);
  expect(a.lotsRemaining, "lots remaining").toBe(a.balance);
  expect(a.balance).toBeGreaterThanOrEqual(0);
  expect(a.negativeBalanceSeen).toBe(false);
  expect(a.runningMismatches).toBe(0);
  expect(a.lotMismatches).toBe(0);
  expect(a.debitMismatches).toBe(0);
  expect(a.returnMismatches).toBe(0);
  expect(a.redemptionMismatches).toBe(0);
  expect(a.duplicateRefEntries).toBe(0);
  return a;
}
