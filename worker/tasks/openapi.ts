// The task endpoints in the Merchant API's OpenAPI document (worker/api/openapi.ts).
import { z } from "zod";
import type { Endpoint } from "../api/openapi";
import { UidParams } from "../api/schemas";
import { EventBody, EventResult, TaskBody, TaskIdParams, TaskView } from "./schema";

export const TASK_ENDPOINTS: Endpoint[] = [
  {
    method: "post",
    path: "/api/v1/tasks",
    summary: "Create a task (任务中心)",
    description:
      "A task members complete for points: profile, browse (a page for N seconds, proved by the server), visit, share (other people open the member's link), survey or event (reported by your server). " +
      "repeat once (新手任务), daily or weekly (merchant-local) or times. Edit and disable it in the console. Idempotent on ref.",
    body: TaskBody,
    ok: [
      { status: 201, description: "Created.", schema: TaskView },
      { status: 200, description: "This ref was already used: the task it created.", schema: TaskView },
    ],
    errors: ["BAD_REQUEST", "VALIDATION_FAILED", "UNAUTHORIZED"],
  },
  {
    method: "get",
    path: "/api/v1/tasks",
    summary: "Every task",
    ok: [
      { status: 200, description: "The tasks, in the members' order.", schema: z.object({ tasks: z.array(TaskView) }) },
    ],
    errors: ["UNAUTHORIZED"],
  },
  {
    method: "get",
    path: "/api/v1/tasks/{id}",
    summary: "One task",
    params: TaskIdParams,
    ok: [{ status: 200, description: "The task.", schema: TaskView }],
    errors: ["VALIDATION_FAILED", "UNAUTHORIZED", "TASK_NOT_FOUND"],
  },
  {
    method: "post",
    path: "/api/v1/members/{uid}/events",
    summary: "Report a member's event (晒单评价, 关注公众号 …)",
    description:
      "Every enabled event task of this type that is open and for the member's tier gets one progress mark for this ref; a task that is then complete is credited at once (source task, through the member's wallet and its caps). " +
      "Creates the member if unknown. Idempotent on ref: the same ref again answers the first result and credits nothing.",
    params: UidParams,
    body: EventBody,
    ok: [{ status: 200, description: "What the event did to each matching task.", schema: EventResult }],
    errors: ["BAD_REQUEST", "VALIDATION_FAILED", "UNAUTHORIZED"],
  },
];
