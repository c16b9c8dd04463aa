// The fake's cashier pages, where a developer (or a browser test) pays locally:
//   GET /cgi-bin/mmpayweb-bin/checkmweb?prepay_id&package[&redirect_url]   the H5 h5_url, as WeChat Pay's
//   GET /__fake/wechatpay/jsapi?appId&timeStamp&nonceStr&package&signType&paySign[&return_url]
//       what wx.chooseWXPay would open: the paySign is verified with the merchant key first
// Both show the order and post to /__fake/wechatpay/pay-page with 支付 or 取消 (plain forms, no JS).
import { esc, html, page, params, redirect, type FakeRequest, type FakeResponse } from "../http";
import { rsaVerify } from "./keys";
import type { Order, OrderBook } from "./orders";

function cashier(o: Order, back: string, note = ""): FakeResponse {
  const body = `<div class="card"><p class="muted">${esc(o.description)}</p><p class="amount">¥${(o.total / 100).toFixed(2)}</p>
<p class="muted">商户订单号 ${esc(o.out_trade_no)} · ${o.kind === "JSAPI" ? "JSAPI" : "H5"}</p>${note}
<form method="post" action="/__fake/wechatpay/pay-page"><input type="hidden" name="prepay_id" value="${esc(o.prepay_id)}"><input type="hidden" name="back" value="${esc(back)}">
<button type="submit" name="action" value="pay">支付</button><button class="secondary" type="submit" name="action" value="cancel">取消</button></form></div>`;
  return html(200, page("微信支付", body));
}

const message = (title: string, text: string, back?: string) =>
  html(
    200,
    page(
      title,
      `<div class="card"><h1>${esc(title)}</h1><p>${esc(text)}</p>${back ? `<a class="btn" href="${esc(back)}">返回商户</a>` : ""}</div>`,
    ),
  );

export function payPages(
  book: OrderBook,
  merchantPublicKeyPem: string,
  onPaid: (o: Order) => void,
  now: () => number,
  req: FakeRequest,
): FakeResponse | undefined {
  const q = params(req);
  if (req.path === "/cgi-bin/mmpayweb-bin/checkmweb" && req.method === "GET") {
    const o = q.prepay_id ? book.byPrepayId(q.prepay_id) : undefined;
    if (!o || o.kind !== "MWEB" || !o.h5_url?.includes(`package=${q.package}`))
      return message("无法支付", "商家参数格式有误，请联系商家解决");
    if (now() - o.createdAt > 5 * 60_000 && o.trade_state === "NOTPAY")
      return message("无法支付", "h5_url 已过期（5 分钟），请重新下单");
    return cashier(o, q.redirect_url ?? "");
  }
  if (req.path === "/__fake/wechatpay/jsapi" && req.method === "GET") {
    const prepay = /^prepay_id=(.+)$/.exec(q.package ?? "")?.[1];
    const o = prepay ? book.byPrepayId(prepay) : undefined;
    if (!o || o.kind !== "JSAPI") return message("支付验证签名失败", "package 参数错误");
    const signed = `${q.appId}\n${q.timeStamp}\n${q.nonceStr}\n${q.package}\n`;
    if (q.appId !== o.appid || q.signType !== "RSA" || !rsaVerify(merchantPublicKeyPem, signed, q.paySign ?? ""))
      return message(
        "支付验证签名失败",
        "paySign 校验失败：appId\\ntimeStamp\\nnonceStr\\npackage\\n 须以商户私钥签名",
      );
    return cashier(o, q.return_url ?? "", `<p class="muted">付款用户 ${esc(o.openid ?? "")}</p>`);
  }
  if (req.path === "/__fake/wechatpay/pay-page" && req.method === "POST") {
    const o = q.prepay_id ? book.byPrepayId(q.prepay_id) : undefined;
    if (!o) return message("无法支付", "订单不存在");
    if (q.action === "pay") {
      const r = book.pay(o);
      if (!r.ok) return message("支付失败", r.reason, q.back || undefined);
      onPaid(o);
    }
    if (q.back) return redirect(q.back);
    return q.action === "pay"
      ? message("支付成功", `已支付 ¥${(o.total / 100).toFixed(2)}`)
      : message("已取消", "你取消了支付");
  }
  return undefined;
}
