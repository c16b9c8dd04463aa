// WeChat's JS-SDK (res.wx.qq.com/open/js/jweixin-1.6.0.js) as the in-app browser runs it, for pages under test
// in a plain Chromium: `wx.config` is checked the way WeChat's client checks it — the signature recomputed
// over the jsapi_ticket this fake issued, the nonceStr, the timestamp and the page's own URL (location.href
// without the fragment) — then `wx.ready` or `wx.error({errMsg: "config:invalid signature"})` fires, as
// WeChat's do; `updateAppMessageShareData` / `updateTimelineShareData` are refused before a successful
// config or for a link outside the page's domain (JS接口安全域名), and recorded otherwise. The script talks to
// this server by JSONP from its own origin (the page's CSP allows the SDK's origin for scripts only).
//   GET /open/js/jweixin-1.6.0.js
//   GET /__fake/wechat/jssdk/preverify?callback&appId&timestamp&nonceStr&signature&url&jsApiList
//   GET /__fake/wechat/jssdk/share?callback&kind&url&title&desc&link&imgUrl
//   GET /__fake/wechat/jssdk/subscribe?callback&appId&url&templates   the open tag wx-open-subscribe: the WeChat
//        user of this browser (the fake's login cookie) accepts every template, as tapping 允许 does; refused
//        before a successful config or when the page's wx.config did not list the tag in openTagList
//   GET /__fake/wechat/shares?url=        what pages set as their share cards (for tests)
import { createHash } from "node:crypto";
import { json, params, text, type FakeRequest, type FakeResponse } from "../http";
import type { WechatState } from "./state";

export type RecordedShare = {
  kind: "appmessage" | "timeline";
  url: string;
  title: string;
  desc?: string;
  link: string;
  imgUrl: string;
  at: number;
};

/** A wx.config as WeChat checks it: { ok } or the errMsg WeChat would report. */
export function checkConfig(
  state: WechatState,
  c: Record<string, string | undefined>,
): { ok: true } | { ok: false; reason: string } {
  if (!state.apps.has(c.appId ?? "")) return { ok: false, reason: "invalid appId" };
  const ticket = state.validTicket(c.appId!);
  if (!ticket) return { ok: false, reason: "no valid jsapi_ticket issued" };
  const pageUrl = String(c.url ?? "").split("#")[0];
  const expected = createHash("sha1")
    .update(`jsapi_ticket=${ticket.value}&noncestr=${c.nonceStr}&timestamp=${c.timestamp}&url=${pageUrl}`)
    .digest("hex");
  return expected === c.signature ? { ok: true } : { ok: false, reason: "invalid signature" };
}

const CALLBACK = /^__wx_[0-9]{1,9}$/;
const jsonp = (callback: string, value: unknown): FakeResponse =>
  text(200, `${callback}(${JSON.stringify(value)});`, "application/javascript; charset=utf-8");

export function jssdk(state: WechatState, req: FakeRequest): FakeResponse | undefined {
  if (req.path === "/open/js/jweixin-1.6.0.js") return text(200, SDK, "application/javascript; charset=utf-8");
  const q = params(req);
  if (req.path === "/__fake/wechat/shares")
    return json(
      200,
      state.shares.filter((s) => !q.url || s.url === q.url),
    );
  if (!req.path.startsWith("/__fake/wechat/jssdk/")) return undefined;
  if (!CALLBACK.test(q.callback ?? "")) return text(400, "bad callback");
  const pageUrl = String(q.url ?? "").split("#")[0]!;
  if (req.path === "/__fake/wechat/jssdk/preverify") {
    const r = checkConfig(state, q);
    if (r.ok) state.verifiedPages.add(pageUrl);
    if (
      r.ok &&
      String(q.openTagList ?? "")
        .split(",")
        .includes("wx-open-subscribe")
    )
      state.openTagPages.add(pageUrl);
    return jsonp(q.callback!, r.ok ? { errMsg: "config:ok" } : { errMsg: `config:${r.reason}` });
  }
  if (req.path === "/__fake/wechat/jssdk/subscribe") {
    if (!state.verifiedPages.has(pageUrl) || !state.openTagPages.has(pageUrl))
      return jsonp(q.callback!, { errMsg: "subscribe:fail, the permission value is offline verifying" });
    const openid = decodeURIComponent(
      /(?:^|; )fake_wx_openid=([^;]+)/.exec(String(req.headers.cookie ?? ""))?.[1] ?? "",
    );
    const user = state.users.get(openid);
    if (!user || user.appid !== q.appId) return jsonp(q.callback!, { errMsg: "subscribe:fail, no WeChat user" });
    const templates = String(q.templates ?? "")
      .split(",")
      .filter((t) => /^[\w-]{1,64}$/.test(t));
    if (templates.length === 0) return jsonp(q.callback!, { errMsg: "subscribe:fail, invalid template" });
    const details: Record<string, string> = {};
    for (const id of templates) {
      const key = `${user.appid}:${user.openid}:${id}`;
      const sub = state.subscriptions.get(key) ?? { remaining: 0 };
      sub.remaining += 1;
      state.subscriptions.set(key, sub);
      details[id] = JSON.stringify({ status: "accept" });
    }
    return jsonp(q.callback!, { errMsg: "subscribe:ok", subscribeDetails: JSON.stringify(details) });
  }
  if (req.path === "/__fake/wechat/jssdk/share") {
    const api = q.kind === "timeline" ? "updateTimelineShareData" : "updateAppMessageShareData";
    if (!state.verifiedPages.has(pageUrl))
      return jsonp(q.callback!, { errMsg: `${api}:fail, the permission value is offline verifying` });
    let sameDomain = false;
    try {
      sameDomain = new URL(q.link ?? "").host === new URL(pageUrl).host;
    } catch {}
    if (!sameDomain) return jsonp(q.callback!, { errMsg: `${api}:fail invalid url domain` });
    state.shares.push({
      kind: q.kind === "timeline" ? "timeline" : "appmessage",
      url: pageUrl,
      title: q.title ?? "",
      desc: q.kind === "timeline" ? undefined : (q.desc ?? ""),
      link: q.link!,
      imgUrl: q.imgUrl ?? "",
      at: state.now(),
    });
    return jsonp(q.callback!, { errMsg: `${api}:ok` });
  }
  return undefined;
}

// The double itself: plain ES5, the subset of jweixin's API the mall uses.
const SDK = `(function () {
  var base = (document.currentScript && document.currentScript.src.replace(/\\/open\\/js\\/[^/]*$/, "")) || "";
  var seq = 0, state = "new", readyFns = [], errorFns = [], errorRes = null;
  function call(path, query, done) {
    var name = "__wx_" + (++seq), s = document.createElement("script"), parts = ["callback=" + name];
    for (var k in query) parts.push(encodeURIComponent(k) + "=" + encodeURIComponent(query[k]));
    window[name] = function (res) { delete window[name]; s.remove(); done(res); };
    s.src = base + path + "?" + parts.join("&");
    document.head.appendChild(s);
  }
  function share(kind, api, o) {
    call("/__fake/wechat/jssdk/share", { kind: kind, url: location.href, title: o.title || "", desc: o.desc || "",
      link: o.link || "", imgUrl: o.imgUrl || "" }, function (res) {
      if (/:ok$/.test(res.errMsg)) { if (o.success) o.success(res); } else if (o.fail) o.fail(res);
      if (o.complete) o.complete(res);
    });
  }
  // The open tag wx-open-subscribe: its template (a <script type="text/wxtag-template">) rendered in a shadow
  // root; a tap asks this fake, which accepts for the browser's WeChat user; "success" or "error" fire on it.
  function openSubscribe(appId) {
    var tags = document.querySelectorAll("wx-open-subscribe");
    for (var i = 0; i < tags.length; i++) (function (el) {
      var tpl = el.querySelector("script[type='text/wxtag-template']");
      var root = el.attachShadow({ mode: "open" });
      root.innerHTML = tpl ? tpl.textContent : "<button>subscribe</button>";
      root.addEventListener("click", function () {
        call("/__fake/wechat/jssdk/subscribe", { appId: appId, url: location.href,
          templates: el.getAttribute("template") || "" }, function (res) {
          var ok = res.errMsg === "subscribe:ok";
          el.dispatchEvent(new CustomEvent(ok ? "success" : "error",
            { detail: ok ? { errMsg: res.errMsg, subscribeDetails: res.subscribeDetails } : { errMsg: res.errMsg } }));
        });
      });
      el.setAttribute("data-wx-open-tag", "ready");
    })(tags[i]);
  }
  window.wx = window.jWeixin = {
    config: function (c) {
      state = "verifying";
      call("/__fake/wechat/jssdk/preverify", { appId: c.appId, timestamp: c.timestamp, nonceStr: c.nonceStr,
        signature: c.signature, url: location.href, jsApiList: (c.jsApiList || []).join(","),
        openTagList: (c.openTagList || []).join(",") }, function (res) {
        if (res.errMsg === "config:ok") {
          state = "ready";
          if ((c.openTagList || []).indexOf("wx-open-subscribe") >= 0) openSubscribe(c.appId);
          readyFns.splice(0).forEach(function (f) { f(); });
        }
        else { state = "error"; errorRes = res; errorFns.splice(0).forEach(function (f) { f(res); }); }
      });
    },
    ready: function (f) { if (state === "ready") f(); else readyFns.push(f); },
    error: function (f) { if (state === "error") f(errorRes); else errorFns.push(f); },
    updateAppMessageShareData: function (o) { share("appmessage", "updateAppMessageShareData", o); },
    updateTimelineShareData: function (o) { share("timeline", "updateTimelineShareData", o); }
  };
})();
`;
