// Merchant API for tasks: POST /api/v1/tasks (create, idempotent on ref), GET /api/v1/tasks (all),
// GET /api/v1/tasks/{id}, and POST /api/v1/members/{uid}/events (./events.ts).
import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { apiAuth } from "../api/auth";
import { refOnce } from "../api/idempotency";
import { jsonBody } from "../api/json-body";
import { UidParams } from "../api/schemas/members";
import { AppError } from "../errors";
import { createMemberIfMissing } from "../member/member-rows";
import { loadSettings } from "../settings/load-settings";
import { validate } from "../validate";
import { reportEvent } from "./events";
import { createTask, inputOf, listTasks, readTask, type TaskDef } from "./rows";
import { EventBody, TaskBody, TaskIdParams, type TaskView } from "./schema";

const iso = (ms: number) => new Date(ms).toISOString();

export function taskView(task: TaskDef): TaskView {
  return {
    ...task,
    startsAt: task.startsAt === null ? null : iso(task.startsAt),
    endsAt: task.endsAt === null ? null : iso(task.endsAt),
    createdAt: iso(task.createdAt),
    updatedAt: iso(task.updatedAt),
  };
}

export const tasksApi = new Hono<AppEnv>()
  .use(apiAuth())
  .post("/", jsonBody(TaskBody), refOnce(), async (c) => {
    const body = c.req.valid("json");
    const r = await createTask(c.var.db, body.ref, inputOf(body), Date.now(), c.var.apiCaller);
    return c.json(taskView(r.task), r.created ? 201 : 200);
  })
  .get("/", async (c) => c.json({ tasks: (await listTasks(c.var.db)).map(taskView) }))
  .get("/:id", validate("param", TaskIdParams), async (c) => {
    const task = await readTask(c.var.db, c.req.valid("param").id);
    if (!task) throw new AppError("TASK_NOT_FOUND");
    return c.json(taskView(task));
  });

// Mounted beside the members API at /members, so its auth is on the route, not a use() for every /members path.
export const memberEventsApi = new Hono<AppEnv>().post(
  "/:uid/events",
  apiAuth(),
  validate("param", UidParams),
  jsonBody(EventBody),
  refOnce(),
  async (c) => {
    const { uid } = c.req.valid("param");
    const { ref, type } = c.req.valid("json");
    const now = Date.now();
    const settings = await loadSettings(c.var.db);
    await createMemberIfMissing(c.var.db, uid, now);
    return c.json(await reportEvent(c.env, c.var.db, { uid, ref, type, now, settings }));
  },
);
