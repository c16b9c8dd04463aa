// Which member a WeChat user is, and their login written in one batch. In order: a binding the merchant's
// server made (Merchant API: this openid, or this unionid, is our uid), else the member this openid was
// before, else a member of its own, uid `wx:<openid>`. A binding made after a first login moves the openid
// to the merchant's uid from the next login on (the points of the `wx:` member stay with it).
import { eq, or, and, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { members, wechatBindings, wechatIdentities } from "../../db/schema";

export type WechatUser = { appid: string; openid: string; unionid?: string; nickname?: string; avatar?: string };

export const ownUid = (openid: string) => `wx:${openid}`;

export async function resolveWechatUid(db: Db, u: WechatUser): Promise<string> {
  const byKind = (kind: "openid" | "unionid", value: string) =>
    and(eq(wechatBindings.kind, kind), eq(wechatBindings.value, value));
  const [bindings, identity] = await db.batch([
    db
      .select({ kind: wechatBindings.kind, uid: wechatBindings.uid })
      .from(wechatBindings)
      .where(u.unionid ? or(byKind("openid", u.openid), byKind("unionid", u.unionid)) : byKind("openid", u.openid)),
    db.select({ uid: wechatIdentities.uid }).from(wechatIdentities).where(eq(wechatIdentities.openid, u.openid)),
  ]);
  return (
    bindings.find((b) => b.kind === "openid")?.uid ??
    bindings.find((b) => b.kind === "unionid")?.uid ??
    identity[0]?.uid ??
    ownUid(u.openid)
  );
}

/** Records the login: the openid → uid (with the unionid), the member created or its profile refreshed. */
export async function recordWechatLogin(db: Db, uid: string, u: WechatUser, now: number): Promise<void> {
  await db.batch([
    db
      .insert(wechatIdentities)
      .values({ openid: u.openid, appid: u.appid, unionid: u.unionid ?? null, uid, lastLoginAt: now })
      .onConflictDoUpdate({
        target: wechatIdentities.openid,
        set: { uid, unionid: sql`coalesce(excluded.unionid, ${wechatIdentities.unionid})`, lastLoginAt: now },
      }),
    db
      .insert(members)
      .values({ uid, nickname: u.nickname ?? "", avatarUrl: u.avatar ?? null })
      .onConflictDoUpdate({
        target: members.uid,
        set: {
          nickname: u.nickname ? sql`excluded.nickname` : sql`${members.nickname}`,
          avatarUrl: u.avatar ? sql`excluded.avatar_url` : sql`${members.avatarUrl}`,
          updatedAt: now,
        },
      }),
  ]);
}
