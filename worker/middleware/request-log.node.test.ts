import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { requestLog, SLOW_MS } from "./request-log";

function appWith(random: () => number, lines: string[], env = "production") {
  const app = new Hono<{ Bindings: { MALL_ENV: string } }>();
  app.use(requestLog({ sampleEvery: 32, random, log: (l) => lines.push(l) }));
  app.get("/ok", (c) => c.text("ok"));
  app.get("/bad", (c) => c.text("no", 400));
  app.get("/boom", (c) => c.text("boom", 503));
  app.get("/slow", async (c) => {
    await new Promise((r) => setTimeout(r, SLOW_MS + 20));
    return c.text("slow");
  });
  const call = (path: string, headers?: Record<string, string>) =>
    app.fetch(new Request(`https://mall.test${path}`, { headers }), { MALL_ENV: env });
  return call;
}

describe("request log", () => {
  it("logs every 4xx and 5xx whatever the sample says, as JSON with numbers and no query", async () => {
    const lines: string[] = [];
    const call = appWith(() => 0.99, lines);
    const before = Date.now();
    await call("/bad?sig=secret");
    await call("/boom", { "HX-Request": "true" });
    expect(lines).toHaveLength(2);
    const [bad, boom] = lines.map((l) => JSON.parse(l));
    expect(bad).toMatchObject({ method: "GET", path: "/bad", status: 400 });
    expect(bad.sample).toBeUndefined();
    expect(bad.t).toBeGreaterThanOrEqual(before);
    expect(typeof bad.ms).toBe("number");
    expect(lines[0]).not.toContain("secret");
    expect(boom).toMatchObject({ path: "/boom", status: 503, htmx: true });
  });

  it("logs a successful answer only when sampled, saying how many it stands for", async () => {
    const lines: string[] = [];
    let r = 0.5;
    const call = appWith(() => r, lines);
    await call("/ok");
    expect(lines).toHaveLength(0); // 0.5 × 32 ≥ 1: not sampled
    r = 0.01; // 0.32 < 1: sampled
    await call("/ok");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ path: "/ok", status: 200, sample: 32 });
  });

  it("logs a slow answer always", async () => {
    const lines: string[] = [];
    const call = appWith(() => 0.99, lines);
    await call("/slow");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!).ms).toBeGreaterThanOrEqual(SLOW_MS);
  });

  it("a path with quotes stays valid JSON; nothing is logged under MALL_ENV=test", async () => {
    const lines: string[] = [];
    await appWith(() => 0, lines)('/ok"x');
    await appWith(() => 0, lines, "test")("/bad");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!).status).toBe(404);
  });
});
