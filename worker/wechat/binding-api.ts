// Merchant API: PUT /api/v1/members/{uid}/wechat {ref, unionid | openid} — the merchant's server says which
// WeChat user its member `uid` is (it knows the unionid from its own app or mini program, or the openid from its
// official-account server). From then on a WeChat login of that user is this member (../identity/wechat-member.ts).
// Idempotent on the ref: the same ref and body again answer the same binding; the same ref with another body
// is REF_CONFLICT; a WeChat user already bound to another uid is WECHAT_ALREADY_BOUND (409). One write batch.
import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { wechatBindings } from "../../db/schema";
import { apiAuth } from "../api/auth";
import { jsonBody } from "../api/json-body";
import { Ref, UidParams } from "../api/schemas";
import type { AppEnv } from "../app-env";
import { AppError } from "../errors";
import { validate } from "../validate";

const WechatId = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/);

export const WechatBindingBody = z
  .strictObject({
    ref: Ref,
    unionid: WechatId.optional().describe("The user's unionid (the account is bound to an open platform)."),
    openid: WechatId.optional().describe("The user's openid under the mall's official account."),
  })
  .refine((b) => (b.unionid === undefined) !== (b.openid === undefined), {
    message: "unionid 与 openid 须且只能给一个",
  })
  .meta({ title: "WechatBindingBody" });

export const WechatBindingResult = z
  .object({
    uid: z.string(),
    kind: z.enum(["unionid", "openid"]),
    value: z.string(),
    ref: z.string(),
    createdAt: z.string().describe("When the binding was first made (ISO 8601)."),
  })
  .meta({ title: "WechatBindingResult" });

export const wechatBindingsApi = new Hono<AppEnv>().put(
  "/:uid/wechat",
  apiAuth(),
  validate("param", UidParams),
  jsonBody(WechatBindingBody),
  async (c) => {
    const { uid } = c.req.valid("param");
    const body = c.req.valid("json");
    const kind = body.unionid !== undefined ? "unionid" : "openid";
    const value = (body.unionid ?? body.openid)!;
    const db = c.var.db;
    const [, byRef, byValue] = await db.batch([
      db.insert(wechatBindings).values({ ref: body.ref, kind, value, uid }).onConflictDoNothing(),
      db.select().from(wechatBindings).where(eq(wechatBindings.ref, body.ref)),
      db
        .select()
        .from(wechatBindings)
        .where(and(eq(wechatBindings.kind, kind), eq(wechatBindings.value, value))),
    ]);
    const row = byRef[0] ?? byValue[0];
    if (byRef[0] && (byRef[0].kind !== kind || byRef[0].value !== value || byRef[0].uid !== uid))
      throw new AppError("REF_CONFLICT");
    if (!row || row.uid !== uid) throw new AppError("WECHAT_ALREADY_BOUND");
    return c.json({ uid, kind, value, ref: row.ref, createdAt: new Date(row.createdAt).toISOString() }, 200);
  },
);
