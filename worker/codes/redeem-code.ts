// A member redeems a code. The code's row in Turso is its one decider (DESIGN.md §9): one write batch runs the
// conditional UPDATE that claims it — only if no one has, its batch is enabled and unexpired, and the member is
// under the batch's per-member limit, all checked inside that one statement, which SQLite's single writer runs
// alone — and reads the row back. The claim's owner then credits the wallet with ref `code:<hash>`
// (earnMinted: one credit per code per wallet, whatever the retries) and marks the row credited.
//   - a crash between the claim and the credit leaves the row claimed by the member and not credited: the
//     member's next try of the code finishes the credit (the same ref: paid once), never loses it;
//   - the wallet refusing the credit (the merchant's earning limits, a blocked member) gives the claim back,
//     so the code is not used up by a credit that never happened.
// Every other case — not a code, no such code, used, expired, batch disabled, limit reached — is one answer,
// CODE_INVALID, so an answer never tells whether a code exists.
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { redeemCodes } from "../../db/schema";
import { isMemberBlocked } from "../member/blocked";
import type { WalletFailure, WalletRules } from "../wallet/types";
import { walletFor } from "../wallet/wallet-stub";
import { hashCode, normaliseCode } from "./code-text";

export type RedeemCodeResult =
  | { ok: true; points: number; balance: number; batchName: string }
  | { ok: false; code: "CODE_INVALID" }
  | { ok: false; code: "MEMBER_BLOCKED" }
  | WalletFailure;

type ClaimRow = {
  claimed_by: string | null;
  credited_at: number | null;
  points: number;
  name: string;
};

export async function redeemCode(
  env: Env,
  db: Db,
  input: { uid: string; code: string; now: number; rules: WalletRules },
): Promise<RedeemCodeResult> {
  const { uid, now } = input;
  const code = normaliseCode(input.code);
  if (!code) return { ok: false, code: "CODE_INVALID" };
  if (await isMemberBlocked(db, uid)) return { ok: false, code: "MEMBER_BLOCKED" };
  const hash = await hashCode(code);
  const [, rows] = await db.batch([
    db.run(sql`update redeem_codes set claimed_by = ${uid}, claimed_at = ${now}
      where hash = ${hash} and claimed_by is null and exists (
        select 1 from code_batches b where b.id = redeem_codes.batch_id and b.disabled = 0
          and (b.expires_at is null or b.expires_at > ${now})
          and (b.per_member_limit is null or b.per_member_limit > (
            select count(*) from redeem_codes r where r.batch_id = b.id and r.claimed_by = ${uid})))`),
    db.all<ClaimRow>(sql`select c.claimed_by, c.credited_at, b.points, b.name from redeem_codes c
      join code_batches b on b.id = c.batch_id where c.hash = ${hash}`),
  ]);
  const row = rows[0];
  // Claimed by this member and not yet credited: a new claim, or one whose credit was cut short.
  if (!row || row.claimed_by !== uid || row.credited_at !== null) return { ok: false, code: "CODE_INVALID" };
  const credited = await walletFor(env, uid).earnMinted({
    uid,
    ref: `code:${hash}`,
    reason: { key: "codes.ledger.redeem", params: { name: row.name } },
    source: "code",
    points: row.points,
    finalRefusal: false,
    now,
    rules: input.rules,
  });
  const mine = and(eq(redeemCodes.hash, hash), eq(redeemCodes.claimedBy, uid), isNull(redeemCodes.creditedAt));
  if (!credited.ok) {
    await db.update(redeemCodes).set({ claimedBy: null, claimedAt: null }).where(mine);
    return credited;
  }
  await db.update(redeemCodes).set({ creditedAt: now }).where(mine);
  return { ok: true, points: credited.earned, balance: credited.balance, batchName: row.name };
}
