// Merchant API for campaigns: PUT /api/v1/members/{uid}/birthday sets (or corrects) a member's birthday in
// their wallet, which decides the 生日双倍积分 multiplier at earn time. Mounted beside the members API at
// /members, so its auth is on the route.
import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { apiAuth } from "../api/auth";
import { refOnce } from "../api/idempotency";
import { jsonBody } from "../api/json-body";
import { UidParams } from "../api/schemas/members";
import { walletOk } from "../api/wallet-outcome";
import { AppError } from "../errors";
import { findMember } from "../member/member-rows";
import { loadSettings, walletRules } from "../settings/load-settings";
import { validate } from "../validate";
import { walletFor } from "../wallet/wallet-stub";
import { BirthdayBody, type BirthdayResult } from "./schema";

export const birthdayApi = new Hono<AppEnv>().put(
  "/:uid/birthday",
  apiAuth(),
  validate("param", UidParams),
  jsonBody(BirthdayBody),
  refOnce(),
  async (c) => {
    const { uid } = c.req.valid("param");
    const { birthday } = c.req.valid("json");
    const [settings, row] = await Promise.all([loadSettings(c.var.db), findMember(c.var.db, uid)]);
    if (!row) throw new AppError("MEMBER_NOT_FOUND");
    const r = walletOk(
      await walletFor(c.env, uid).setBirthday({
        uid,
        birthday,
        by: "merchant",
        now: Date.now(),
        rules: walletRules(settings),
      }),
    );
    const body: BirthdayResult = { uid, birthday: r.birthday, changed: r.changed };
    return c.json(body);
  },
);
