// A fake merchant server on the developer side of Duiba's contract (兑吧开发者文档 服务端对接): what a
// merchant who moves from Duiba already runs, which the mall calls in Duiba-compatible mode.
//   GET|POST /duiba/consume   扣积分: uid, credits, itemCode?, appKey, timestamp, description, orderNum, type,
//                             facePrice?, actualPrice, ip?, waitAudit?, params?, sign
//                             → {"status":"ok","errorMessage":"","bizId":"…","credits":<left>} | {"status":"fail",…}
//   GET|POST /duiba/notify    兑换结果通知: appKey, timestamp, uid, success, errorMessage, orderNum, bizId?, sign
//                             → text "ok"; success=false gives the deducted credits back (once per orderNum)
//   GET|POST /duiba/add       加积分: uid, credits, type, orderNum, subOrderNum?, timestamp, description?, ip?, appKey, sign
//                             → {"status":"ok","errorMessage":"","bizId":"…","credits":<balance>}; type is one of
//                             Duiba's, any case: game, sign (签到), task, reSign (补签), postsale (售后退积分),
//                             cancelShip (取消发货), hdtool (加积分活动) — another is refused
// Signatures are checked with node:crypto MD5 (independent of worker/duiba/sign.ts) like duiba-java-sdk's
// SignTool: appSecret added, sign dropped, values concatenated in key order, every parameter signed.
// Each orderNum is handled once: a repeat gets the first answer again. Duiba documents GET; POST forms are
// accepted too. Chosen where Duiba is silent: an unknown uid has 0 credits; timestamps are not aged (the
// SDK does not check them).
// Control: POST /__fake/duiba/members {uid, credits} set a balance · GET /__fake/duiba/members/:uid →
// {uid, credits, orders} · GET /__fake/duiba/orders/:orderNum · POST /__fake/duiba/autologin {uid, credits?,
// redirect?, url?} → {url} a signed autologin link to the mall (CreditTool.buildAutoLoginRequest) ·
// POST /__fake/duiba/refuse {uid, errorMessage, kind?: "consume"|"add"} makes that member's next 扣积分 (or 加积分)
// answer fail with the merchant's reason, as a merchant refuses a frozen account (once; the order is failed) ·
// slow or failing answers through /__fake/faults (e.g. {path:"/duiba/consume", kind:"delay", delayMs:31000}).
import { createHash, timingSafeEqual } from "node:crypto";
import { json, params, startFakeServer, text, type FakeRequest, type FakeResponse } from "../http";

export type DuibaMerchantOptions = {
  port?: number;
  appKey?: string;
  appSecret?: string;
  members?: Record<string, number>;
  mallAutologinUrl?: string;
};
type OrderRec = {
  kind: "consume" | "add";
  orderNum: string;
  uid: string;
  credits: number;
  bizId: string;
  answer: Record<string, unknown>;
  state: "pending" | "success" | "failed" | "added";
  params: Record<string, string>;
  notices: number;
};
export type DuibaMerchantFake = {
  url: string;
  consumeUrl: string;
  notifyUrl: string;
  addCreditsUrl: string;
  appKey: string;
  appSecret: string;
  balances: Map<string, number>;
  orders: Map<string, OrderRec>;
  stop(): Promise<void>;
};

/** 加积分 types as Duiba documents them (add_credits_api), compared without case. */
export const ADD_CREDITS_TYPES = ["game", "sign", "task", "resign", "postsale", "cancelship", "hdtool"] as const;

export const duibaMd5 = (p: Record<string, string>, appSecret: string): string => {
  const all: Record<string, string> = { ...p, appSecret };
  delete all.sign;
  return createHash("md5")
    .update(
      Object.keys(all)
        .sort()
        .map((k) => all[k])
        .join(""),
      "utf8",
    )
    .digest("hex");
};

export async function startDuibaMerchantFake(opts: DuibaMerchantOptions = {}): Promise<DuibaMerchantFake> {
  const appKey = opts.appKey ?? "DEMO_APPKEY";
  const appSecret = opts.appSecret ?? "DEMO_SECRET";
  const balances = new Map(Object.entries(opts.members ?? {}));
  const orders = new Map<string, OrderRec>();
  /** Refusals asked for by the control API: "<kind>:<uid>" → errorMessage. */
  const refusals = new Map<string, string>();
  let seq = 0;
  const fail = (errorMessage: string, uid?: string) =>
    json(200, { status: "fail", errorMessage, credits: uid ? (balances.get(uid) ?? 0) : 0 });

  function verified(p: Record<string, string>): string | undefined {
    if (p.appKey !== appKey) return "appKey不匹配";
    if (!p.timestamp) return "请求中没有带时间戳";
    const want = Buffer.from(duibaMd5(p, appSecret));
    const got = Buffer.from((p.sign ?? "").toLowerCase());
    if (want.length !== got.length || !timingSafeEqual(want, got)) return "签名验证失败";
    return undefined;
  }
  const intParam = (v: string | undefined) => (v !== undefined && /^\d{1,15}$/.test(v) ? Number(v) : undefined);

  function consume(p: Record<string, string>): FakeResponse {
    const bad = verified(p);
    if (bad) return fail(bad, p.uid);
    const prior = p.orderNum ? orders.get(p.orderNum) : undefined;
    if (prior) return json(200, prior.answer);
    const credits = intParam(p.credits);
    if (!p.uid || !p.orderNum || !p.type || credits === undefined || intParam(p.actualPrice) === undefined)
      return fail("参数错误：uid、credits、orderNum、type、actualPrice 必填", p.uid);
    const balance = balances.get(p.uid) ?? 0;
    const refusal = refusals.get(`consume:${p.uid}`);
    if (refusal !== undefined) refusals.delete(`consume:${p.uid}`);
    if (credits > balance || refusal !== undefined) {
      // a refusal is final for this orderNum too: Duiba marks the order failed
      const answer = { status: "fail", errorMessage: refusal ?? "积分不足", credits: balance };
      orders.set(p.orderNum, {
        kind: "consume",
        orderNum: p.orderNum,
        uid: p.uid,
        credits,
        bizId: "",
        answer,
        state: "failed",
        params: p,
        notices: 0,
      });
      return json(200, answer);
    }
    balances.set(p.uid, balance - credits);
    const bizId = `MB${Date.now()}${++seq}`;
    const answer = { status: "ok", errorMessage: "", bizId, credits: balance - credits };
    orders.set(p.orderNum, {
      kind: "consume",
      orderNum: p.orderNum,
      uid: p.uid,
      credits,
      bizId,
      answer,
      state: "pending",
      params: p,
      notices: 0,
    });
    return json(200, answer);
  }

  function notify(p: Record<string, string>): FakeResponse {
    const bad = verified(p);
    if (bad) return text(200, bad); // anything but "ok" makes Duiba (the mall) notify again
    if (!p.orderNum || (p.success !== "true" && p.success !== "false")) return text(200, "参数错误");
    const o = orders.get(p.orderNum);
    if (o && o.kind === "consume") {
      o.notices++;
      if (o.state === "pending") {
        if (p.success === "true") o.state = "success";
        else {
          o.state = "failed";
          balances.set(o.uid, (balances.get(o.uid) ?? 0) + o.credits); // 回滚: give the credits back, once
        }
      }
    } else if (!o) {
      // the consume call timed out before reaching us: nothing to roll back, remember the outcome
      orders.set(p.orderNum, {
        kind: "consume",
        orderNum: p.orderNum,
        uid: p.uid ?? "",
        credits: 0,
        bizId: "",
        answer: { status: "fail", errorMessage: "已通知失败", credits: 0 },
        state: p.success === "true" ? "success" : "failed",
        params: p,
        notices: 1,
      });
    }
    return text(200, "ok");
  }

  function add(p: Record<string, string>): FakeResponse {
    const bad = verified(p);
    if (bad) return fail(bad, p.uid);
    const prior = p.orderNum ? orders.get(p.orderNum) : undefined;
    if (prior) return json(200, prior.answer);
    const credits = intParam(p.credits);
    if (!p.uid || !p.orderNum || !p.type || credits === undefined)
      return fail("参数错误：uid、credits、type、orderNum 必填", p.uid);
    if (!(ADD_CREDITS_TYPES as readonly string[]).includes(p.type.toLowerCase()))
      return fail(`参数错误：type ${p.type} 不是兑吧的加积分类型`, p.uid);
    const refusal = refusals.get(`add:${p.uid}`);
    if (refusal !== undefined) {
      refusals.delete(`add:${p.uid}`);
      return fail(refusal, p.uid);
    }
    const balance = (balances.get(p.uid) ?? 0) + credits;
    balances.set(p.uid, balance);
    const bizId = `MA${Date.now()}${++seq}`;
    const answer = { status: "ok", errorMessage: "", bizId, credits: balance };
    orders.set(p.orderNum, {
      kind: "add",
      orderNum: p.orderNum,
      uid: p.uid,
      credits,
      bizId,
      answer,
      state: "added",
      params: p,
      notices: 0,
    });
    return json(200, answer);
  }

  function control(req: FakeRequest): FakeResponse | undefined {
    const p = req.path.slice("/__fake/duiba".length);
    const body = (req.method === "POST" ? JSON.parse(req.body || "{}") : {}) as {
      uid?: string;
      credits?: number;
      redirect?: string;
      url?: string;
      errorMessage?: string;
      kind?: string;
    };
    if (p === "/refuse" && req.method === "POST") {
      if (!body.uid || !body.errorMessage) return json(400, { error: "needs {uid, errorMessage}" });
      refusals.set(`${body.kind === "add" ? "add" : "consume"}:${body.uid}`, body.errorMessage);
      return json(200, { uid: body.uid, errorMessage: body.errorMessage });
    }
    if (p === "/members" && req.method === "POST") {
      if (!body.uid || !Number.isInteger(body.credits)) return json(400, { error: "needs {uid, credits}" });
      balances.set(body.uid, body.credits!);
      return json(200, { uid: body.uid, credits: body.credits });
    }
    let m = /^\/members\/([^/]+)$/.exec(p);
    if (m) {
      const uid = decodeURIComponent(m[1]!);
      return json(200, {
        uid,
        credits: balances.get(uid) ?? 0,
        orders: [...orders.values()].filter((o) => o.uid === uid),
      });
    }
    m = /^\/orders\/([^/]+)$/.exec(p);
    if (m) {
      const o = orders.get(decodeURIComponent(m[1]!));
      return o ? json(200, o) : json(404, { error: "no such order" });
    }
    if (p === "/autologin" && req.method === "POST") {
      const target = body.url ?? opts.mallAutologinUrl;
      if (!body.uid || !target) return json(400, { error: "needs {uid} and a url (or the mallAutologinUrl option)" });
      const q: Record<string, string> = {
        uid: body.uid,
        credits: String(body.credits ?? balances.get(body.uid) ?? 0),
        appKey,
        timestamp: String(Date.now()),
      };
      if (body.redirect) q.redirect = body.redirect;
      q.sign = duibaMd5(q, appSecret);
      const u = new URL(target);
      for (const [k, v] of Object.entries(q)) u.searchParams.set(k, v);
      return json(200, { url: u.toString(), params: q });
    }
    return undefined;
  }

  const server = await startFakeServer(
    "duiba-merchant",
    (req) => {
      if (req.path.startsWith("/__fake/duiba/")) return control(req);
      if (req.path === "/duiba/consume") return consume(params(req));
      if (req.path === "/duiba/notify") return notify(params(req));
      if (req.path === "/duiba/add") return add(params(req));
      return undefined;
    },
    { port: opts.port },
  );
  return {
    url: server.url,
    consumeUrl: `${server.url}/duiba/consume`,
    notifyUrl: `${server.url}/duiba/notify`,
    addCreditsUrl: `${server.url}/duiba/add`,
    appKey,
    appSecret,
    balances,
    orders,
    stop: () => server.close(),
  };
}
