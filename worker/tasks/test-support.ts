// For the task tests: tasks made through the real Merchant API, a member's card on 任务中心, the claim form's
// fields, and the wallet's balance.
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { call, newRef } from "../api/test-client";
import { balanceOf, csrfOf, get, HX, type Member, post } from "../shop/test-session";

export type NewTask = Record<string, unknown>;

export async function newTask(over: NewTask = {}): Promise<string> {
  const r = await call("POST", "/api/v1/tasks", {
    ref: newRef("task"),
    title: "测试任务",
    kind: "visit",
    target: `/items/${Math.floor(Math.random() * 1e6) + 1}`,
    points: 10,
    repeat: "once",
    ...over,
  });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return r.json.id as string;
}

/** The member's card of a task on /tasks (its <li>), or null when it is not listed. */
export async function cardOf(m: Member, taskId: string): Promise<string | null> {
  const res = await get("/tasks", m.cookie);
  expect(res.status).toBe(200);
  const html = await res.text();
  return new RegExp(`<li id="task-${taskId}"[\\s\\S]*?</li>`).exec(html)?.[0] ?? null;
}

export const stateIn = (card: string | null) => /data-task-state="([a-z]+)"/.exec(card ?? "")?.[1] ?? null;

export async function claim(m: Member, taskId: string, fields: Record<string, string> = {}, htmx = true) {
  const csrf = await csrfOf(m.cookie);
  return post(`/tasks/${taskId}/claim`, m.cookie, { _csrf: csrf, ...fields }, htmx ? HX : {});
}

export { balanceOf, env };
