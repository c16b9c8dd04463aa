// What the real shopper pages do for the task centre, after the page answered 200 with a full page (a GET, not
// an htmx fragment; worker/analytics/page-views.ts decides what a page is):
//   visit   a member opening a visit task's page gets its progress mark (server-side, on the real route);
//   share   `?share=<token>` (./tokens.ts) on a share task's page counts the opener for the sharer — another
//           member once by uid, a guest once by an HMAC of their network address (or, without one, of the
//           mall's visitor cookie); the sharer's own open never counts;
//   browse  `?task=<id>` on a browse task's page puts the task strip (countdown, signed start, claim) at the
//           top of the page's <main> with HTMLRewriter; the page itself is the route's own.
// The marks are written before the page is answered (one insert each), so a test or the next page sees them.
import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { renderFragment } from "../../views/render";
import { TaskStrip } from "../../views/tasks/task-strip";
import { VISITOR_COOKIE, isShopperPageRequest } from "../analytics/page-views";
import type { AppEnv } from "../app-env";
import { hmacHex } from "../identity/hmac";
import { csrfToken } from "../identity/csrf";
import { loadSettings } from "../settings/load-settings";
import type { Db } from "../../db/client";
import { periodOf, windowOf } from "./periods";
import { addMark, loadProgress, paidCount, statusOf } from "./progress";
import { readTask, type TaskDef, TASK_ID, tasksFor } from "./rows";
import { browseToken, readShareToken } from "./tokens";
import { visitTargets } from "./visit-targets";

const isFullPage = (res: Response) =>
  res.status === 200 && (res.headers.get("Content-Type") ?? "").startsWith("text/html");

/** The period a new mark of this member goes to, or null when the task takes none now. */
async function markPeriod(db: Db, task: TaskDef, uid: string, now: number, timeZone: string): Promise<string | null> {
  if (!task.enabled || windowOf(task, now) !== "open") return null;
  const paid = task.repeat === "times" || task.repeat === "once" ? await paidCount(db, task.id, uid) : 0;
  return periodOf(task, now, timeZone, paid);
}

async function recordVisit(db: Db, uid: string, path: string, now: number, timeZone: string): Promise<void> {
  if (!(await visitTargets(db, now)).has(path)) return; // no visit task points here (worker/tasks/visit-targets.ts)
  for (const task of await tasksFor(db, "visit", path)) {
    const period = await markPeriod(db, task, uid, now, timeZone);
    if (period) await addMark(db, task.id, uid, period, "visit", now);
  }
}

async function recordShareOpen(
  c: Parameters<MiddlewareHandler<AppEnv>>[0],
  token: string,
  now: number,
  timeZone: string,
): Promise<void> {
  const share = await readShareToken(c.env.SESSION_SECRET, token);
  if (!share) return;
  const session = c.var.session;
  if (session?.uid === share.uid) return; // the sharer's own open
  const db = c.var.db;
  const task = await readTask(db, share.taskId);
  if (!task || task.kind !== "share" || task.target !== c.req.path) return;
  let opener: string;
  if (session) opener = `open:${session.uid}`;
  else {
    const ip = (c.req.header("CF-Connecting-IP") ?? "").trim().toLowerCase();
    const visitor = getCookie(c, VISITOR_COOKIE) ?? "";
    if (!ip && !visitor) return; // nothing tells this guest apart from the next
    const who = ip ? `ip:${ip}` : `vid:${visitor}`;
    opener = `open:guest:${(await hmacHex(c.env.SESSION_SECRET, `task-guest:${who}`)).slice(0, 32)}`;
  }
  const period = await markPeriod(db, task, share.uid, now, timeZone);
  if (period) await addMark(db, task.id, share.uid, period, opener, now);
}

async function browseStrip(
  c: Parameters<MiddlewareHandler<AppEnv>>[0],
  taskId: string,
  now: number,
): Promise<string | null> {
  const session = c.var.session;
  if (!session || !TASK_ID.test(taskId)) return null;
  const db = c.var.db;
  const task = await readTask(db, taskId);
  if (!task || task.kind !== "browse" || task.target !== c.req.path) return null;
  if (!task.enabled || windowOf(task, now) !== "open") return null;
  const settings = await loadSettings(db);
  const status = statusOf(task, await loadProgress(db, session.uid, [task.id]), now, settings.timeZone);
  const [proof, csrf] = await Promise.all([
    browseToken(c.env.SESSION_SECRET, task.id, session.uid, now),
    csrfToken(c.env.SESSION_SECRET, session),
  ]);
  return renderFragment(
    <TaskStrip
      strip={{
        id: task.id,
        title: task.title,
        points: task.points,
        seconds: task.seconds,
        state: status.state === "done" || status.state === "expired" ? "done" : "counting",
        readyAt: now + task.seconds * 1000,
        now,
        proof,
        csrf,
      }}
    />,
  );
}

export function taskHooks(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    if (!isShopperPageRequest(c.req.raw, c.req.path) || !isFullPage(c.res)) return;
    if (c.req.path === "/tasks" || c.req.path.startsWith("/tasks/")) return;
    const now = Date.now();
    const session = c.var.session;
    const share = c.req.query("share");
    const browse = c.req.query("task");
    if (!session && !share) return;
    const { timeZone } = await loadSettings(c.var.db);
    if (session) await recordVisit(c.var.db, session.uid, c.req.path, now, timeZone);
    if (share) await recordShareOpen(c, share, now, timeZone);
    if (browse) {
      const strip = await browseStrip(c, browse, now);
      if (strip) {
        c.res = new HTMLRewriter()
          .on("main", {
            element(el) {
              el.prepend(strip, { html: true });
            },
          })
          .transform(c.res);
      }
    }
  };
}
