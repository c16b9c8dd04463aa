// Merchant API: members and their points (/api/v1/members/…). Profiles live in Turso; every point read and
// write goes to the member's wallet object, the only writer of points (docs/architecture.md §2, §4.2). A profile put is
// audited (member.update) with the calling token as actor when it changed something; points operations are
// not: each is a ledger entry carrying its ref, the member's own audit trail.
import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { AppError } from "../errors";
import { loadSettings, walletRules } from "../settings/load-settings";
import { validate } from "../validate";
import type { LedgerEntry } from "../wallet/types";
import { walletFor } from "../wallet/wallet-stub";
import { memberPutAudit } from "../audit/member-audit";
import { apiAuth } from "./auth";
import { refOnce } from "./idempotency";
import { jsonBody } from "./json-body";
import { decodeCursor, encodeCursor } from "./ledger-cursor";
import { createMemberIfMissing, findMember, upsertMemberProfile } from "../member/member-rows";
import {
  DeductBody,
  EarnBody,
  LedgerQuery,
  PutMemberBody,
  ReverseBody,
  UidParams,
  type DeductResult,
  type EarnResult,
  type LedgerPage,
  type MemberView,
  type PutMemberResult,
  type ReverseResult,
} from "./schemas";
import { walletOk } from "./wallet-outcome";
import { ledgerReasonText } from "../object-text";
import { t } from "../../views/i18n";
import { referralTriggerSafely } from "../referrals/settle";

const iso = (ms: number) => new Date(ms).toISOString();

export const membersApi = new Hono<AppEnv>()
  .use(apiAuth())
  .put("/:uid", validate("param", UidParams), jsonBody(PutMemberBody), refOnce(), async (c) => {
    const { uid } = c.req.valid("param");
    const { ref: _ref, ...input } = c.req.valid("json");
    const now = Date.now();
    const [settings, { row, created }] = await Promise.all([
      loadSettings(c.var.db),
      upsertMemberProfile(c.var.db, uid, input, now, [
        memberPutAudit(c.var.db, { actor: c.var.apiCaller, uid, input, now }),
      ]),
    ]);
    const { balance } = await walletFor(c.env, uid).ensureMember({ uid, now, rules: walletRules(settings) });
    const body: PutMemberResult = { uid, nickname: row.nickname, avatar: row.avatarUrl, balance, created };
    return c.json(body, created ? 201 : 200);
  })
  .get("/:uid", validate("param", UidParams), async (c) => {
    const { uid } = c.req.valid("param");
    const [settings, row] = await Promise.all([loadSettings(c.var.db), findMember(c.var.db, uid)]);
    if (!row) throw new AppError("MEMBER_NOT_FOUND");
    const s = await walletFor(c.env, uid).summary({ uid, now: Date.now(), rules: walletRules(settings) });
    const body: MemberView = {
      uid,
      nickname: row.nickname,
      balance: s.balance,
      tier: { key: s.tier.key, name: s.tier.name, multiplier: s.tier.multiplier },
      earnedLast12Months: s.earnedLast12Months,
      expiring: s.expiring.map((e) => ({ points: e.points, expiresAt: iso(e.expiresAt) })),
    };
    return c.json(body);
  })
  .post("/:uid/points/earn", validate("param", UidParams), jsonBody(EarnBody), refOnce(), async (c) => {
    const { uid } = c.req.valid("param");
    const { ref, reason, points, amountFen, source } = c.req.valid("json");
    const now = Date.now();
    const [settings, row] = await Promise.all([loadSettings(c.var.db), findMember(c.var.db, uid)]);
    // A blocked member cannot earn (nothing is written); a retry of an earning made before the block still
    // gets its first answer. An unknown member is created.
    if (row?.blocked) {
      const first = await walletFor(c.env, uid).earnAnswer({ ref });
      if (!first) throw new AppError("MEMBER_BLOCKED");
      const body: EarnResult = { balance: first.balance, earned: first.earned, entryId: first.entryId };
      return c.json(body);
    }
    if (!row) await createMemberIfMissing(c.var.db, uid, now);
    const rules = walletRules(settings);
    const wallet = walletFor(c.env, uid);
    // Idempotent: grants the new-member bonus the first time this wallet is seen, whoever created the row.
    await wallet.ensureMember({ uid, now, rules });
    const earnSource = source ?? (amountFen !== undefined ? "purchase" : "other");
    const r = walletOk(await wallet.earn({ uid, ref, reason, source: earnSource, points, amountFen, now, rules }));
    // A purchase may be the action that pays the member's referral (worker/referrals).
    if (earnSource === "purchase") await referralTriggerSafely(c.env, c.var.db, uid, "purchase", rules, now);
    const body: EarnResult = { balance: r.balance, earned: r.earned, entryId: r.entryId };
    return c.json(body);
  })
  .post("/:uid/points/deduct", validate("param", UidParams), jsonBody(DeductBody), refOnce(), async (c) => {
    const { uid } = c.req.valid("param");
    const { ref, reason, points } = c.req.valid("json");
    const [settings, row] = await Promise.all([loadSettings(c.var.db), findMember(c.var.db, uid)]);
    if (!row) throw new AppError("MEMBER_NOT_FOUND");
    const r = walletOk(
      await walletFor(c.env, uid).deduct({ uid, ref, reason, points, now: Date.now(), rules: walletRules(settings) }),
    );
    const body: DeductResult = { balance: r.balance, deducted: r.deducted, entryId: r.entryId };
    return c.json(body);
  })
  .post("/:uid/points/reverse", validate("param", UidParams), jsonBody(ReverseBody), refOnce(), async (c) => {
    const { uid } = c.req.valid("param");
    const { ref, reason, earnRef } = c.req.valid("json");
    const [settings, row] = await Promise.all([loadSettings(c.var.db), findMember(c.var.db, uid)]);
    if (!row) throw new AppError("MEMBER_NOT_FOUND");
    const r = walletOk(
      await walletFor(c.env, uid).reverse({ uid, ref, earnRef, reason, now: Date.now(), rules: walletRules(settings) }),
    );
    const body: ReverseResult = { reversed: r.reversed, shortfall: r.shortfall, balance: r.balance };
    return c.json(body);
  })
  .get("/:uid/ledger", validate("param", UidParams), validate("query", LedgerQuery), async (c) => {
    const { uid } = c.req.valid("param");
    const { limit, cursor } = c.req.valid("query");
    const seq = cursor === undefined ? undefined : decodeCursor(cursor);
    if (seq === null) throw new AppError("VALIDATION_FAILED", `cursor: ${t("api.field.cursor")}`);
    if (!(await findMember(c.var.db, uid))) throw new AppError("MEMBER_NOT_FOUND");
    const page = await walletFor(c.env, uid).ledger({ limit, cursor: seq });
    const body: LedgerPage = {
      entries: page.entries.map(entryView),
      nextCursor: page.nextCursor === null ? null : encodeCursor(page.nextCursor),
    };
    return c.json(body);
  });

function entryView(e: LedgerEntry): LedgerPage["entries"][number] {
  return {
    id: e.id,
    kind: e.kind,
    amount: e.amount,
    balanceAfter: e.balanceAfter,
    reason: ledgerReasonText(e),
    source: e.source,
    ref: e.ref,
    createdAt: iso(e.createdAt),
    expiresAt: e.expiresAt === null ? null : iso(e.expiresAt),
  };
}
