// Signed task tokens, keyed with SESSION_SECRET (each with its own message prefix, so a token of one kind is
// never valid as another or as any other HMAC the Worker makes):
//   browse start  `<startMs>.<hex>` over `task-browse:<taskId>:<uid>:<startMs>` — rendered with the browse strip
//                 on the real page; the claim is refused until `seconds` have passed since startMs, so the
//                 server, not the page, proves the member stayed.
//   share link    `<taskId>.<base64url uid>.<hex>` over `task-share:<taskId>:<uid>` — `?share=` on the shared
//                 page; whoever opens it is counted for the sharer (worker/tasks/hooks.ts).
import { base64url, fromBase64url, hmacHex, hmacVerifyHex } from "../identity/hmac";
import { TASK_ID } from "./rows";

/** How long a browse start stays claimable (a tab left open overnight starts again). */
export const BROWSE_TOKEN_TTL_MS = 6 * 3600_000;

export async function browseToken(secret: string, taskId: string, uid: string, start: number): Promise<string> {
  return `${start}.${await hmacHex(secret, `task-browse:${taskId}:${uid}:${start}`)}`;
}

/** The start instant of a genuine browse token of this member and task, else null. */
export async function browseStart(secret: string, taskId: string, uid: string, token: unknown): Promise<number | null> {
  if (typeof token !== "string") return null;
  const m = /^([0-9]{13})\.([0-9a-f]{64})$/.exec(token);
  if (!m) return null;
  const start = Number(m[1]);
  return (await hmacVerifyHex(secret, `task-browse:${taskId}:${uid}:${start}`, m[2]!)) ? start : null;
}

export async function shareToken(secret: string, taskId: string, uid: string): Promise<string> {
  const u = base64url(new TextEncoder().encode(uid));
  return `${taskId}.${u}.${await hmacHex(secret, `task-share:${taskId}:${uid}`)}`;
}

/** The task and sharer of a genuine share token, else null. */
export async function readShareToken(
  secret: string,
  token: string | undefined,
): Promise<{ taskId: string; uid: string } | null> {
  if (!token || token.length > 300) return null;
  const m = /^(T[0-9a-f]{12})\.([A-Za-z0-9_-]{1,120})\.([0-9a-f]{64})$/.exec(token);
  if (!m || !TASK_ID.test(m[1]!)) return null;
  let uid: string;
  try {
    uid = new TextDecoder("utf-8", { fatal: true }).decode(fromBase64url(m[2]!));
  } catch {
    return null;
  }
  return (await hmacVerifyHex(secret, `task-share:${m[1]}:${uid}`, m[3]!)) ? { taskId: m[1]!, uid } : null;
}
