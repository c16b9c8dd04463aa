// The Worker's Duiba signatures (WebCrypto MD5 in workerd) accepted by the fake merchant server, which checks
// them with node:crypto: 扣积分, 兑换结果通知 (failure → credits back), 加积分, and a tampered request refused.
import { inject } from "vitest";
import { describe, expect, it } from "vitest";
import {
  addCreditsParams,
  consumeCreditsParams,
  noticeAcknowledged,
  parseCreditsAnswer,
  resultNoticeParams,
  withQuery,
} from "./protocol";

const f = inject("fakes").duibaMerchant;

describe("Duiba protocol against the fake merchant server", () => {
  it("consume, failure notice, add credits — each once per orderNum", async () => {
    const uid = `wk-${Date.now()}`;
    await fetch(`${f.url}/__fake/duiba/members`, { method: "POST", body: JSON.stringify({ uid, credits: 300 }) });
    const orderNum = `DBW${Date.now()}`;
    const p = await consumeCreditsParams(f.appKey, f.appSecret, {
      uid,
      credits: 120,
      orderNum,
      type: "object",
      actualPrice: 0,
      facePrice: 2500,
      description: "兑换 马克杯",
      itemCode: "SKU-9",
      params: "张三:13800000000:上海市:上海市:浦东新区:张江镇:科苑路 1 号",
      waitAudit: false,
    });
    const answer = parseCreditsAnswer(
      await (await fetch(withQuery(f.consumeUrl, p), { signal: AbortSignal.timeout(30_000) })).text(),
    );
    expect(answer).toMatchObject({ status: "ok", credits: 180 });
    const tampered = { ...p, credits: "1" };
    expect(parseCreditsAnswer(await (await fetch(withQuery(f.consumeUrl, tampered))).text())).toMatchObject({
      status: "fail",
      errorMessage: "签名验证失败",
    });

    const notice = await resultNoticeParams(f.appKey, f.appSecret, {
      uid,
      orderNum,
      success: false,
      errorMessage: "库存不足",
    });
    const res = await fetch(withQuery(f.notifyUrl, notice));
    expect(noticeAcknowledged(res.status, await res.text())).toBe(true);
    const member = (await (await fetch(`${f.url}/__fake/duiba/members/${uid}`)).json()) as { credits: number };
    expect(member.credits).toBe(300);

    const add = await addCreditsParams(f.appKey, f.appSecret, {
      uid,
      credits: 5,
      type: "sign",
      orderNum: `ADDW${Date.now()}`,
      description: "签到",
    });
    const added = parseCreditsAnswer(await (await fetch(withQuery(f.addCreditsUrl, add))).text());
    expect(added).toMatchObject({ status: "ok", credits: 305 });
    expect(parseCreditsAnswer(await (await fetch(withQuery(f.addCreditsUrl, add))).text())).toEqual(added);
  });
});
