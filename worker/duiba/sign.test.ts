// Duiba's MD5 signature in workerd: the published example, the SDK's rules (values only, sorted keys, empty
// values signed), and the request kinds' parameter sets.
import { describe, expect, it } from "vitest";
import {
  addCreditsParams,
  consumeCreditsParams,
  noticeAcknowledged,
  parseCreditsAnswer,
  resultNoticeParams,
  signAutologin,
  verifyAutologin,
} from "./protocol";
import { duibaSign, md5Hex, signingString, verifyDuibaSign } from "./sign";

describe("duibaSign", () => {
  it("signs Duiba's published example to 882ae6416a34bda5fdfc910eaa013fa9", async () => {
    // 兑吧开发者文档 "MD5签名规则" example, as quoted in issue #12.
    const params = { appKey: "DEMO_APPKEY", credits: "100", timestamp: "1418625055000", uid: "test001" };
    expect(signingString(params, "DEMO_SECRET")).toBe("DEMO_APPKEYDEMO_SECRET1001418625055000test001");
    expect(await duibaSign(params, "DEMO_SECRET")).toBe("882ae6416a34bda5fdfc910eaa013fa9");
    expect(await verifyDuibaSign({ ...params, sign: "882ae6416a34bda5fdfc910eaa013fa9" }, "DEMO_SECRET")).toBe(true);
    expect(await verifyDuibaSign({ ...params, sign: "882AE6416A34BDA5FDFC910EAA013FA9" }, "DEMO_SECRET")).toBe(true);
    expect(
      await verifyDuibaSign({ ...params, credits: "1000", sign: "882ae6416a34bda5fdfc910eaa013fa9" }, "DEMO_SECRET"),
    ).toBe(false);
    expect(await verifyDuibaSign({ ...params, sign: "882ae6416a34bda5fdfc910eaa013fa9" }, "OTHER_SECRET")).toBe(false);
    expect(await verifyDuibaSign(params, "DEMO_SECRET")).toBe(false);
  });

  it("is MD5 from workerd's crypto.subtle (RFC 1321 test suite)", async () => {
    expect(await md5Hex("")).toBe("d41d8cd98f00b204e9800998ecf8427e");
    expect(await md5Hex("message digest")).toBe("f96b697d7cb7938d525a2f31aaf161d0");
  });

  it("signs empty values and UTF-8 text, excludes sign, ignores a caller-supplied appSecret", async () => {
    expect(signingString({ b: "", a: "中", sign: "x" }, "S")).toBe("中S");
    const p = await consumeCreditsParams(
      "K",
      "S",
      {
        uid: "u1",
        credits: 10,
        orderNum: "o1",
        type: "object",
        actualPrice: 0,
        description: "兑换 拿铁",
        params: "张三:13800000000:上海",
      },
      1700000000000,
    );
    expect(p.appSecret).toBeUndefined();
    expect(Object.keys(p).sort()).toEqual([
      "actualPrice",
      "appKey",
      "credits",
      "description",
      "orderNum",
      "params",
      "sign",
      "timestamp",
      "type",
      "uid",
    ]);
    expect(await verifyDuibaSign(p, "S")).toBe(true);
  });
});

describe("request kinds", () => {
  it("result notices carry success as true/false and an empty errorMessage when none", async () => {
    const p = await resultNoticeParams("K", "S", { uid: "u", orderNum: "o", success: true, bizId: "b" }, 1);
    expect(p).toMatchObject({
      appKey: "K",
      timestamp: "1",
      uid: "u",
      success: "true",
      errorMessage: "",
      orderNum: "o",
      bizId: "b",
    });
    expect(await verifyDuibaSign(p, "S")).toBe(true);
    const failed = await resultNoticeParams(
      "K",
      "S",
      { uid: "u", orderNum: "o", success: false, errorMessage: "超时" },
      1,
    );
    expect(failed.bizId).toBeUndefined();
    expect(failed.success).toBe("false");
  });

  it("add credits", async () => {
    const p = await addCreditsParams("K", "S", { uid: "u", credits: 5, type: "sign", orderNum: "a1" }, 2);
    expect(await verifyDuibaSign(p, "S")).toBe(true);
  });

  it("reads the merchant's answers as documented (credits may be a string) and refuses anything else", () => {
    expect(
      parseCreditsAnswer('{"status":"ok","errorMessage":" ","bizId":"test-20140730192133033","credits":"120"}'),
    ).toEqual({ status: "ok", errorMessage: " ", bizId: "test-20140730192133033", credits: 120 });
    expect(parseCreditsAnswer('{"status":"fail","errorMessage":"失败原因","credits":"100"}')).toEqual({
      status: "fail",
      errorMessage: "失败原因",
      credits: 100,
    });
    expect(parseCreditsAnswer('{"status":"ok","credits":1}')).toBeNull();
    expect(parseCreditsAnswer("<html>")).toBeNull();
    expect(noticeAcknowledged(200, " OK\n")).toBe(true);
    expect(noticeAcknowledged(200, "success")).toBe(false);
    expect(noticeAcknowledged(500, "ok")).toBe(false);
  });

  it("autologin links: good, tampered, other appKey, expired", async () => {
    const now = 1418625055000;
    const p = await signAutologin("DEMO_APPKEY", "DEMO_SECRET", { uid: "test001", credits: 100 }, now);
    expect(p.sign).toBe("882ae6416a34bda5fdfc910eaa013fa9");
    expect(await verifyAutologin(p, "DEMO_APPKEY", "DEMO_SECRET", now + 1000)).toEqual({
      ok: true,
      uid: "test001",
      credits: 100,
      redirect: undefined,
      timestamp: now,
    });
    expect(await verifyAutologin({ ...p, credits: "1000" }, "DEMO_APPKEY", "DEMO_SECRET", now)).toEqual({
      ok: false,
      code: "DUIBA_SIGN_INVALID",
    });
    expect(await verifyAutologin(p, "OTHER", "DEMO_SECRET", now)).toEqual({ ok: false, code: "DUIBA_APPKEY_MISMATCH" });
    expect(await verifyAutologin(p, "DEMO_APPKEY", "DEMO_SECRET", now + 301_000)).toEqual({
      ok: false,
      code: "DUIBA_EXPIRED",
    });
    const withRedirect = await signAutologin(
      "DEMO_APPKEY",
      "DEMO_SECRET",
      { uid: "test001", credits: 100, redirect: "/items/3" },
      now,
    );
    expect(await verifyAutologin(withRedirect, "DEMO_APPKEY", "DEMO_SECRET", now)).toMatchObject({
      ok: true,
      redirect: "/items/3",
    });
  });
});
