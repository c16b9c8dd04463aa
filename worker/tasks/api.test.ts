// The Merchant API's task endpoints through the real Worker: POST/GET /api/v1/tasks (idempotent on ref, bad
// bodies refused with nothing written) and POST /api/v1/members/{uid}/events (matching event tasks completed
// and credited at once; the same ref again answers the first result and credits nothing; other types,
// windows and tiers untouched), and their place in the OpenAPI document.
import { SELF } from "cloudflare:test";
import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { taskClaims, taskProgress, tasks } from "../../db/schema";
import { BASE, call, newRef, newUid } from "../api/test-client";
import { db, login } from "../shop/test-session";
import { balanceOf, cardOf, newTask, stateIn } from "./test-support";

const taskCount = async () => (await db().select({ n: count() }).from(tasks))[0]!.n;
const event = (uid: string, body: unknown) => call("POST", `/api/v1/members/${uid}/events`, body);
const eventType = () => `review${crypto.randomUUID().slice(0, 8)}`;

describe("POST/GET /api/v1/tasks", () => {
  it("creates a task once per ref and reads it back", async () => {
    const ref = newRef("api-task");
    const body = { ref, title: "晒单评价", kind: "event", target: "review", points: 50, repeat: "times", times: 3 };
    const first = await call("POST", "/api/v1/tasks", body);
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ title: "晒单评价", kind: "event", target: "review", points: 50, times: 3 });
    const again = await call("POST", "/api/v1/tasks", body);
    expect(again.status).toBe(201);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect(again.json.id).toBe(first.json.id);
    const one = await call("GET", `/api/v1/tasks/${first.json.id}`);
    expect(one.status).toBe(200);
    expect(one.json.id).toBe(first.json.id);
    const all = await call("GET", "/api/v1/tasks");
    expect(all.json.tasks.some((t: any) => t.id === first.json.id)).toBe(true);
    expect((await call("GET", "/api/v1/tasks/T000000000000")).status).toBe(404);
    expect((await call("GET", "/api/v1/tasks/nope")).status).toBe(422);
  });

  it("refuses bad definitions with 422 and writes nothing", async () => {
    const before = await taskCount();
    const base = { title: "x", kind: "visit", target: "/", points: 10, repeat: "once" };
    const bad = [
      { ...base, kind: "nope" },
      { ...base, target: "https://evil.example/" },
      { ...base, target: "/admin/items" },
      { ...base, points: 0 },
      { ...base, kind: "browse" }, // no seconds
      { ...base, kind: "survey" }, // no questions
      { ...base, kind: "survey", questions: [{ kind: "single", text: "q", options: ["only one"] }] },
      { ...base, kind: "event", target: "Bad Type" },
      { ...base, repeat: "times" }, // no times
      { ...base, startsAt: "2026-12-02T00:00:00Z", endsAt: "2026-12-01T00:00:00Z" },
      { ...base, extra: 1 },
    ];
    for (const b of bad) {
      const r = await call("POST", "/api/v1/tasks", { ref: newRef("bad"), ...b });
      expect(r.status, JSON.stringify(b)).toBe(422);
      expect(r.json.error.code).toBe("VALIDATION_FAILED");
    }
    expect((await call("POST", "/api/v1/tasks", "{nope")).status).toBe(400);
    expect(await taskCount()).toBe(before);
  });
});

describe("POST /api/v1/members/{uid}/events", () => {
  it("completes and credits the matching event task at once (晒单评价 +50); the same ref again credits nothing", async () => {
    const type = eventType();
    const id = await newTask({ kind: "event", target: type, points: 50, repeat: "daily", title: "晒单评价" });
    const other = await newTask({ kind: "event", target: eventType(), points: 30 });
    const m = await login();
    const before = await balanceOf(m.uid);
    const ref = newRef("ev");
    const r = await event(m.uid, { ref, type });
    expect(r.status).toBe(200);
    expect(r.json.tasks).toEqual([expect.objectContaining({ id, state: "done", credited: 50, code: null })]);
    expect(r.json.balance).toBe(before + 50);
    const again = await event(m.uid, { ref, type });
    expect(again.status).toBe(200);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect(await balanceOf(m.uid)).toBe(before + 50);
    // another event the same local day: the daily task is done, nothing more
    const second = await event(m.uid, { ref: newRef("ev"), type });
    expect(second.json.tasks[0]).toMatchObject({ state: "done", credited: 0 });
    expect(await balanceOf(m.uid)).toBe(before + 50);
    expect(stateIn(await cardOf(m, id))).toBe("done");
    expect(stateIn(await cardOf(m, other))).toBe("todo");
  });

  it("a goal of 2 needs two reports with different refs; an unknown member is created", async () => {
    const type = eventType();
    const id = await newTask({ kind: "event", target: type, goal: 2, points: 20 });
    const uid = newUid();
    const r1 = await event(uid, { ref: newRef("ev"), type });
    expect(r1.json.tasks[0]).toMatchObject({ id, state: "todo", done: 1, goal: 2, credited: 0 });
    const r2 = await event(uid, { ref: newRef("ev"), type });
    expect(r2.json.tasks[0]).toMatchObject({ id, state: "done", credited: 20 });
    const claims = await db()
      .select()
      .from(taskClaims)
      .where(and(eq(taskClaims.taskId, id), eq(taskClaims.uid, uid)));
    expect(claims).toHaveLength(1);
    expect((await call("GET", `/api/v1/members/${uid}`)).status).toBe(200);
  });

  it("a wallet cap refusal leaves the task claimable and says why", async () => {
    const type = eventType();
    await newTask({ kind: "event", target: type, points: 150 });
    const m = await login();
    const r = await event(m.uid, { ref: newRef("ev"), type });
    expect(r.status).toBe(200);
    expect(r.json.tasks[0]).toMatchObject({ state: "claimable", credited: 0, code: "DAILY_CAP_REACHED" });
  });

  it("bad input is a 4xx with nothing written; no token is 401", async () => {
    const m = await login();
    const marks = async () =>
      (await db().select({ n: count() }).from(taskProgress).where(eq(taskProgress.uid, m.uid)))[0]!.n;
    for (const b of [
      {},
      { ref: newRef("ev") },
      { ref: newRef("ev"), type: "Bad Type" },
      { ref: "a b", type: "review" },
      { ref: newRef("ev"), type: "review", x: 1 },
    ]) {
      const r = await event(m.uid, b);
      expect(r.status, JSON.stringify(b)).toBe(422);
    }
    expect((await event("bad uid!", { ref: newRef("ev"), type: "review" })).status).toBe(422);
    const res = await SELF.fetch(`${BASE}/api/v1/members/${m.uid}/events`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ ref: newRef("ev"), type: "review" }),
    });
    expect(res.status).toBe(401);
    expect(await marks()).toBe(0);
  });

  it("is in the OpenAPI document with the task endpoints", async () => {
    const d = (await (await SELF.fetch(`${BASE}/api/v1/openapi.json`)).json()) as any;
    expect(d.paths["/api/v1/members/{uid}/events"].post.operationId).toBeTruthy();
    expect(d.paths["/api/v1/tasks"].post).toBeDefined();
    expect(d.paths["/api/v1/tasks"].get).toBeDefined();
    expect(d.paths["/api/v1/tasks/{id}"].get).toBeDefined();
    expect(d.paths["/api/v1/members/{uid}/events"].post.responses["409"]).toBeDefined();
  });
});
