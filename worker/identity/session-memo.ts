// What this isolate last read of a session from Turso (revoked or not, the member's blocked flag and unread
// messages), so a member's page needs no Turso round trip for it (issue 13). The window it opens, and how it
// is closed:
//   - a live session's answer is kept SESSION_MEMO_MS at most: a logout, a block in the console or a new
//     message made in ANOTHER isolate shows here within that;
//   - in THIS isolate a logout marks the session revoked at once (forgetSession), and a block/unblock or a
//     message read forgets the member's entries (forgetMember), so the next request reads Turso again;
//   - a revoked answer is final (a revocation is never undone): it is kept until the cookie would expire;
//   - a read that began before a forget cannot store what it read (the generation), so a logout racing a
//     page in the same isolate is not undone by it.
// Plain values only (workerd ties a promise to its request). Bounded: past MAX_ENTRIES the oldest go first.

/** How long a live session's state is reused in one isolate. */
export const SESSION_MEMO_MS = 5_000;
const MAX_ENTRIES = 5_000;

export type SessionState = { revoked: boolean; blocked: boolean; unread: number };
type Entry = SessionState & { uid: string; until: number };

const memo = new Map<string, Entry>();
let generation = 0;

/** The state read for `sid` within its window, or null (read Turso). */
export function memoSession(sid: string, uid: string, now: number): SessionState | null {
  const e = memo.get(sid);
  if (!e || e.uid !== uid) return null;
  if (e.until <= now) {
    memo.delete(sid);
    return null;
  }
  return e;
}

/** The generation a read starts at; pass it back to rememberSession. */
export function sessionGeneration(): number {
  return generation;
}

/** Keeps what a read that started at `started` found (not if something was forgotten since). `exp`: the
 *  cookie's expiry, how long a revoked answer is kept. */
export function rememberSession(
  sid: string,
  uid: string,
  state: SessionState,
  now: number,
  exp: number,
  started: number,
): void {
  if (started !== generation) return;
  const known = memo.get(sid);
  if (known?.revoked) return;
  memo.delete(sid);
  if (memo.size >= MAX_ENTRIES) {
    const oldest = memo.keys().next();
    if (!oldest.done) memo.delete(oldest.value);
  }
  memo.set(sid, { ...state, uid, until: state.revoked ? exp : now + SESSION_MEMO_MS });
}

/** A logout in this isolate: the session is refused here from now on, whatever a read in flight finds. */
export function forgetSession(sid: string, uid: string, exp: number): void {
  generation++;
  memo.set(sid, { revoked: true, blocked: false, unread: 0, uid, until: exp });
}

/** The member's blocked flag or unread messages changed (in this isolate): their next request reads Turso. */
export function forgetMember(uid: string): void {
  generation++;
  for (const [sid, e] of memo) if (e.uid === uid && !e.revoked) memo.delete(sid);
}

/** Everything forgotten (a test that writes Turso behind the routes' back, as another isolate would). */
export function forgetAllSessions(): void {
  generation++;
  memo.clear();
}
