// Whether a member is blocked (members.blocked, set in the console): a blocked member can browse but cannot
// earn or redeem. Unknown members are not blocked.
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { members } from "../../db/schema";

export async function isMemberBlocked(db: Db, uid: string): Promise<boolean> {
  const [row] = await db.select({ blocked: members.blocked }).from(members).where(eq(members.uid, uid)).limit(1);
  return row?.blocked === true;
}
