// 任务中心 through the real Worker with real member sessions: every task kind completed on its real route and
// claimed (htmx: the card and the balance badge out of band; without JS the result page), double and
// concurrent claims paid once, a browse claim before its seconds refused, a forged proof refused, the window
// and tier rules, and the wallet's cap refusal worded for the member.
import { SELF } from "cloudflare:test";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { addresses, taskClaims, taskProgress } from "../../db/schema";
import { ADDRESS } from "../redeem/test-support";
import { BASE, csrfOf, db, get, HX, inputValue, login, post } from "../shop/test-session";
import { browseToken } from "./tokens";
import { balanceOf, cardOf, claim, env, newTask, stateIn } from "./test-support";

const badge = (html: string) => /id="balance-badge"[^>]*hx-swap-oob="true"[^>]*>[\s\S]*?<\/a>/.exec(html)?.[0] ?? "";
const claims = (taskId: string, uid: string) =>
  db()
    .select()
    .from(taskClaims)
    .where(and(eq(taskClaims.taskId, taskId), eq(taskClaims.uid, uid)));

describe("task centre: the page", () => {
  it("lists tasks grouped 新手任务 / 日常任务 with their state, and is linked from the home page and the header", async () => {
    const once = await newTask({ title: "新手访问", repeat: "once" });
    const daily = await newTask({ title: "每日访问", repeat: "daily" });
    const m = await login();
    const html = await (await get("/tasks", m.cookie)).text();
    expect(html).toContain("任务中心");
    const newbie = /data-task-group="newbie"[\s\S]*?<\/section>/.exec(html)?.[0] ?? "";
    const dailyGroup = /data-task-group="daily"[\s\S]*?<\/section>/.exec(html)?.[0] ?? "";
    expect(newbie).toContain(`task-${once}`);
    expect(dailyGroup).toContain(`task-${daily}`);
    expect(stateIn(await cardOf(m, once))).toBe("todo");
    const home = await (await get("/", m.cookie)).text();
    expect(home).toContain('href="/tasks"');
  });

  it("a guest is shown how to log in", async () => {
    const res = await get("/tasks");
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("如何登录");
  });
});

describe("task kinds through their real routes", () => {
  it("visit: opening the page records progress; the claim is one htmx tap with the balance badge out of band; a second tap pays nothing", async () => {
    const target = `/items/${Math.floor(Math.random() * 1e6) + 1}`;
    const id = await newTask({ kind: "visit", target, points: 12 });
    const m = await login();
    const before = await balanceOf(m.uid);
    const early = await claim(m, id);
    expect(early.status).toBe(409);
    expect(await early.text()).toContain("任务还没完成");
    expect(await balanceOf(m.uid)).toBe(before);
    await get(target, m.cookie); // a 404 item page is not a page view: no progress
    expect(stateIn(await cardOf(m, id))).toBe("todo");

    const home = await newTask({ kind: "visit", target: "/flash", points: 12 });
    await get("/flash", m.cookie);
    expect(stateIn(await cardOf(m, home))).toBe("claimable");
    const res = await claim(m, home);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`id="task-${home}"`);
    expect(html).toContain('data-task-state="done"');
    expect(html).toContain("领取成功，+12 积分");
    expect(badge(html)).toContain(String(before + 12));
    const again = await claim(m, home);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("奖励已领取");
    expect(await balanceOf(m.uid)).toBe(before + 12);
    expect(await claims(home, m.uid)).toHaveLength(1);
  });

  it("without JS the claim is a plain form POST answered with a result page", async () => {
    const id = await newTask({ kind: "visit", target: "/me/orders", points: 7 });
    const m = await login();
    await get("/me/orders", m.cookie);
    const res = await claim(m, id, {}, false);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("<!doctype html>");
    expect(html).toContain("领取成功，+7 积分");
    expect(html).toContain('href="/tasks"');
  });

  it("concurrent claims of one task pay once (the same wallet ref)", async () => {
    const id = await newTask({ kind: "visit", target: "/me/points", points: 9 });
    const m = await login();
    await get("/me/points", m.cookie);
    const before = await balanceOf(m.uid);
    const csrf = await csrfOf(m.cookie);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => post(`/tasks/${id}/claim`, m.cookie, { _csrf: csrf }, HX)),
    );
    expect(results.some((r) => r.status === 200)).toBe(true);
    for (const r of results) expect([200, 409]).toContain(r.status);
    expect(await balanceOf(m.uid)).toBe(before + 9);
    expect(await claims(id, m.uid)).toHaveLength(1);
  });

  it("profile: complete with a nickname and a delivery address", async () => {
    const id = await newTask({ kind: "profile", title: "完善资料", points: 15 });
    const m = await login(); // the test login link sets a nickname
    expect(stateIn(await cardOf(m, id))).toBe("todo");
    expect((await claim(m, id)).status).toBe(409);
    const csrf = await csrfOf(m.cookie);
    const added = await post("/me/addresses", m.cookie, { _csrf: csrf, ...ADDRESS });
    expect(added.status).toBeLessThan(400);
    expect(await db().select().from(addresses).where(eq(addresses.uid, m.uid))).toHaveLength(1);
    expect(stateIn(await cardOf(m, id))).toBe("claimable");
    const before = await balanceOf(m.uid);
    expect((await claim(m, id)).status).toBe(200);
    expect(await balanceOf(m.uid)).toBe(before + 15);
  });

  it("browse: the real page carries the strip with a signed start; a claim before N seconds is refused, after it is paid", async () => {
    const id = await newTask({ kind: "browse", target: "/flash", seconds: 30, points: 11, repeat: "daily" });
    const m = await login();
    const page = await get(`/flash?task=${id}`, m.cookie);
    expect(page.status).toBe(200);
    const html = await page.text();
    const strip = /<aside id="task-strip"[\s\S]*?<\/aside>/.exec(html)?.[0] ?? "";
    expect(strip).toContain(`data-task-strip="${id}"`);
    expect(strip).toContain('data-strip-state="counting"');
    expect(strip).toContain('hx-trigger="countdown-done"');
    const proof = inputValue(strip, "proof")!;
    expect(proof).toMatch(/^\d{13}\.[0-9a-f]{64}$/);
    const before = await balanceOf(m.uid);

    const early = await claim(m, id, { proof, from: "strip" });
    expect(early.status).toBe(409);
    expect(await early.text()).toMatch(/再浏览 \d+ 秒即可领取/);
    // a start moved back in time breaks the signature
    const forged = `${Number(proof.split(".")[0]) - 60_000}.${proof.split(".")[1]}`;
    expect((await claim(m, id, { proof: forged })).status).toBe(409);
    // another member's genuine start is not this member's
    const other = await login();
    const theirs = await browseToken(env.SESSION_SECRET, id, other.uid, Date.now() - 60_000);
    expect((await claim(m, id, { proof: theirs })).status).toBe(409);
    expect(await balanceOf(m.uid)).toBe(before);

    // 31 s later (a start signed by the server 31 s ago): the strip turns ready and the claim pays
    const old = await browseToken(env.SESSION_SECRET, id, m.uid, Date.now() - 31_000);
    const ready = await get(`/tasks/${id}/strip?proof=${encodeURIComponent(old)}`, m.cookie, HX);
    expect(await ready.text()).toContain('data-strip-state="ready"');
    const res = await claim(m, id, { proof: old, from: "strip" });
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain('data-strip-state="done"');
    expect(badge(body)).toContain(String(before + 11));
    expect((await claim(m, id, { proof: old, from: "strip" })).status).toBe(409);
    expect(await balanceOf(m.uid)).toBe(before + 11);
    expect((await claims(id, m.uid))[0]?.period).toMatch(/^d:\d{4}-\d{2}-\d{2}$/);
  });

  it("share: counted when another member or a guest opens the link; the sharer's own open and repeat opens do not count", async () => {
    const target = "/flash";
    const id = await newTask({ kind: "share", target, goal: 2, points: 20 });
    const sharer = await login();
    const page = await (await get(`/tasks/${id}`, sharer.cookie)).text();
    const link = /data-share-link="" value="([^"]+)"|value="([^"]+)"[^>]*data-share-link/.exec(page);
    const url = new URL((link?.[1] ?? link?.[2] ?? "").replace(/&amp;/g, "&"));
    expect(url.pathname).toBe(target);
    const share = url.searchParams.get("share")!;
    expect(share).toMatch(/^T[0-9a-f]{12}\./);
    const marks = async () =>
      (
        await db()
          .select()
          .from(taskProgress)
          .where(and(eq(taskProgress.taskId, id), eq(taskProgress.uid, sharer.uid)))
      ).length;

    await get(`${target}?share=${share}`, sharer.cookie); // self
    expect(await marks()).toBe(0);
    const friend = await login();
    await get(`${target}?share=${share}`, friend.cookie);
    await get(`${target}?share=${share}`, friend.cookie); // once per opener
    expect(await marks()).toBe(1);
    await get(`${target}?share=${share.slice(0, -1)}0`, (await login()).cookie); // a forged token
    expect(await marks()).toBe(1);
    expect(stateIn(await cardOf(sharer, id))).toBe("todo");
    const guestIp = { "CF-Connecting-IP": `2001:db8:77::${Math.floor(Math.random() * 9999)}` };
    await get(`${target}?share=${share}`, undefined, guestIp);
    await get(`${target}?share=${share}`, undefined, guestIp);
    expect(await marks()).toBe(2);
    expect(stateIn(await cardOf(sharer, id))).toBe("claimable");
    const before = await balanceOf(sharer.uid);
    expect((await claim(sharer, id)).status).toBe(200);
    expect(await balanceOf(sharer.uid)).toBe(before + 20);
  });

  it("survey: answers checked (nothing stored when refused), stored on submit, the reward paid once", async () => {
    const id = await newTask({
      kind: "survey",
      title: "满意度调查",
      points: 25,
      questions: [
        { kind: "single", text: "满意吗", options: ["满意", "一般"] },
        { kind: "multi", text: "喜欢什么", options: ["积分", "兑换", "抽奖"] },
        { kind: "text", text: "建议" },
      ],
    });
    const m = await login();
    const page = await (await get(`/tasks/${id}`, m.cookie)).text();
    expect(page).toContain('data-survey="');
    const csrf = inputValue(page, "_csrf")!;
    const before = await balanceOf(m.uid);
    const missing = await post(`/tasks/${id}/survey`, m.cookie, { _csrf: csrf, q1: "0" });
    expect(missing.status).toBe(422);
    expect(await missing.text()).toContain("请回答第 2 题");
    const bad = new URLSearchParams({ _csrf: csrf, q1: "0", q3: "x" });
    bad.append("q2", "7");
    const badRes = await post(`/tasks/${id}/survey`, m.cookie, Object.fromEntries(bad));
    expect(badRes.status).toBe(422);
    expect(await balanceOf(m.uid)).toBe(before);

    const body = new URLSearchParams({ _csrf: csrf, q1: "1", q3: '=HYPERLINK("x")' });
    body.append("q2", "0");
    body.append("q2", "2");
    const res = await postAll(`/tasks/${id}/survey`, m.cookie, body);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("感谢参与！");
    expect(await balanceOf(m.uid)).toBe(before + 25);
    const again = await postAll(`/tasks/${id}/survey`, m.cookie, body);
    expect(again.status).toBe(409);
    expect(await balanceOf(m.uid)).toBe(before + 25);
    expect(stateIn(await cardOf(m, id))).toBe("done");
  });
});

describe("task rules", () => {
  it("an ended task shows 已过期 and refuses the claim; a task not yet started is not listed and refuses it", async () => {
    const now = Date.now();
    const ended = await newTask({
      kind: "visit",
      target: "/me/points",
      startsAt: new Date(now - 86_400_000).toISOString(),
      endsAt: new Date(now - 1000).toISOString(),
    });
    const upcoming = await newTask({
      kind: "visit",
      target: "/me/points",
      startsAt: new Date(now + 86_400_000).toISOString(),
    });
    const m = await login();
    await get("/me/points", m.cookie);
    expect(stateIn(await cardOf(m, ended))).toBe("expired");
    expect(await cardOf(m, upcoming)).toBeNull();
    const r1 = await claim(m, ended);
    expect(r1.status).toBe(409);
    expect(await r1.text()).toContain("任务已过期");
    expect((await claim(m, upcoming)).status).toBe(409);
    expect(
      await db()
        .select()
        .from(taskProgress)
        .where(and(eq(taskProgress.uid, m.uid), eq(taskProgress.taskId, upcoming))),
    ).toHaveLength(0);
  });

  it("a task for other tiers is not listed and refuses the claim", async () => {
    const id = await newTask({ kind: "visit", target: "/me/points", tiers: ["diamond"] });
    const m = await login();
    await get("/me/points", m.cookie);
    expect(await cardOf(m, id)).toBeNull();
    expect((await claim(m, id)).status).toBe(409);
    expect(await claims(id, m.uid)).toHaveLength(0);
  });

  it("the wallet's daily cap refuses a reward over it, worded with the cap; nothing is recorded as paid", async () => {
    const id = await newTask({ kind: "visit", target: "/me/points", points: 150 });
    const m = await login();
    await get("/me/points", m.cookie);
    const before = await balanceOf(m.uid);
    const res = await claim(m, id);
    expect(res.status).toBe(409);
    expect(await res.text()).toMatch(/100/);
    expect(await balanceOf(m.uid)).toBe(before);
    expect(await claims(id, m.uid)).toHaveLength(0);
    expect(stateIn(await cardOf(m, id))).toBe("claimable");
  });

  it("a daily task is paid once per local day; an N-times task once per occurrence up to N", async () => {
    const daily = await newTask({ kind: "visit", target: "/me/points", repeat: "daily", points: 5 });
    const times = await newTask({ kind: "visit", target: "/me/points", repeat: "times", times: 2, points: 5 });
    const m = await login();
    await get("/me/points", m.cookie);
    expect((await claim(m, daily)).status).toBe(200);
    expect((await claim(m, daily)).status).toBe(409);
    await get("/me/points", m.cookie);
    expect((await claim(m, daily)).status).toBe(409);
    expect((await claim(m, times)).status).toBe(200);
    expect(stateIn(await cardOf(m, times))).toBe("todo"); // occurrence 2 starts empty
    await get("/me/points", m.cookie);
    expect((await claim(m, times)).status).toBe(200);
    await get("/me/points", m.cookie);
    expect(stateIn(await cardOf(m, times))).toBe("done");
    expect((await claim(m, times)).status).toBe(409);
    expect((await claims(times, m.uid)).map((c) => c.period).sort()).toEqual(["n:1", "n:2"]);
  });

  it("bad input is a 4xx and writes nothing: an unknown task, a bad proof field, no CSRF token", async () => {
    const m = await login();
    expect((await claim(m, "T000000000000")).status).toBe(404);
    expect((await claim(m, "nope")).status).toBe(404);
    const id = await newTask({ kind: "browse", target: "/flash", seconds: 5 });
    expect((await claim(m, id, { proof: "x".repeat(500) })).status).toBe(400);
    expect((await post(`/tasks/${id}/claim`, m.cookie, {}, HX)).status).toBe(403);
    expect((await get(`/tasks/${id}/strip?proof=bad`, m.cookie, HX)).status).toBe(400);
    expect(await claims(id, m.uid)).toHaveLength(0);
  });
});

/** A form POST whose body may repeat a field (multi-choice answers). */
function postAll(path: string, cookie: string, body: URLSearchParams) {
  return SELF.fetch(`${BASE}${path}`, {
    method: "POST",
    body,
    headers: { Cookie: cookie, Origin: BASE, "Content-Type": "application/x-www-form-urlencoded" },
    redirect: "manual",
  });
}
