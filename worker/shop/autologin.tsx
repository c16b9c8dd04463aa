// GET /autologin: how a merchant's server or menu sends a member in without a password (docs/architecture.md §4.1).
import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { AppError } from "../errors";
import { redirectTarget, verifyAutologin } from "../identity/autologin";
import { autologinSecretsAt } from "../identity/autologin-secrets";
import { loginMember } from "../identity/login-member";
import { limitBy } from "../rate-limit/rate-limit";
import { startSession } from "../identity/session";
import { loadSettings, walletRules } from "../settings/load-settings";
import { walletFor } from "../wallet/wallet-stub";
import { settleArrival } from "../referrals/arrival";

export const autologin = new Hono<AppEnv>().get("/autologin", async (c) => {
  const now = Date.now();
  const result = await verifyAutologin(
    c.req.query(),
    await autologinSecretsAt(c.var.db, c.env.AUTOLOGIN_SECRET, now),
    now,
  );
  if (!result.ok) throw new AppError(result.code);
  const { uid, nonce, nickname, avatar, redirect } = result.query;
  // Counted for signed, valid links only, so made-up links cannot use up a member's logins.
  await limitBy(c.env, "AUTOLOGIN_MEMBER", uid);
  if ((await loginMember(c.var.db, { uid, nonce, nickname, avatar }, now)) === "replayed") {
    throw new AppError("AUTOLOGIN_REPLAYED");
  }
  // The member's wallet: created on first visit with the new-member bonus (once, idempotent).
  const rules = walletRules(await loadSettings(c.var.db));
  const { created } = await walletFor(c.env, uid).ensureMember({ uid, now, rules });
  // An invite remembered before this login binds a member this login created (worker/referrals).
  await settleArrival(c, { uid, created, redirect, rules, now });
  await startSession(c, uid);
  c.header("Cache-Control", "no-store");
  return c.redirect(redirectTarget(redirect ?? "/"), 302);
});
