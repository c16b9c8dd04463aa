// Issue 14 (low): every Merchant API answer — balances, ledgers, orders with addresses and phone numbers,
// errors — carries Cache-Control: no-store, so no cache between the merchant's server and us keeps them.
import { describe, expect, it } from "vitest";
import { call, earn, newRef, newUid, putMember } from "./test-client";

describe("Cache-Control on the API", () => {
  it("is no-store on reads, writes and errors", async () => {
    const uid = newUid();
    const answers = [
      await putMember(uid, { nickname: "缓存" }),
      await call("GET", `/api/v1/members/${uid}`),
      await earn(uid, { ref: newRef(), reason: "消费", points: 10, source: "purchase" }),
      await call("GET", `/api/v1/members/${uid}/ledger`),
      await call("GET", `/api/v1/orders?limit=5`),
      await call("GET", `/api/v1/orders/PM00000000NOSUCHORDER`),
      await call("GET", `/api/v1/items/1`),
      await call("POST", `/api/v1/members/${uid}/points/earn`, { ref: "x" }),
      await call("GET", `/api/v1/members/${uid}`, undefined, { Authorization: "Bearer wrong" }),
      await call("GET", `/api/v1/no-such-thing`),
    ];
    for (const a of answers)
      expect(a.headers.get("cache-control"), `${a.status} ${JSON.stringify(a.json).slice(0, 80)}`).toBe("no-store");
  });
});
