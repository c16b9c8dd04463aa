// 收货地址 through the real Worker: list, add (validated, 422 next to the fields), edit, set default (one per
// member), delete (the default moves on), CSRF, and every action scoped to the session's own addresses.
import { describe, expect, it } from "vitest";
import { csrfOf, get, HX, inputValue, login, post, type Member } from "./test-session";

const HOME = { recipient: "王五", phone: "13900001111", region: "北京市 朝阳区", detail: "建国路 88 号 1 单元" };
const WORK = { recipient: "王五", phone: "13900002222", region: "北京市 海淀区", detail: "中关村大街 1 号 8 层" };

type Row = { id: string; isDefault: boolean; text: string };

async function rows(m: Member): Promise<Row[]> {
  const html = await (await get("/me/addresses", m.cookie)).text();
  return [
    ...html.matchAll(/<li class="addr-row" data-address-id="(\d+)"( data-default="true")?>([\s\S]*?)<\/li>/g),
  ].map((r) => ({
    id: r[1]!,
    isDefault: !!r[2],
    text: r[3]!,
  }));
}

describe("the address book", () => {
  it("is a page for members and the login help for guests", async () => {
    const guest = await get("/me/addresses");
    expect(guest.status).toBe(200);
    expect(await guest.text()).toContain("公众号菜单");
    const m = await login();
    const html = await (await get("/me/addresses", m.cookie)).text();
    expect(html).toContain("还没有收货地址");
    expect(html).toMatch(/<form class="addr-form"[^>]*action="\/me\/addresses"/);
    expect(html).toContain('aria-current="page"');
  });

  it("adds addresses (the first becomes the default), sets another as the only default, edits and deletes", async () => {
    const m = await login();
    const csrf = await csrfOf(m.cookie);
    const added = await post("/me/addresses", m.cookie, { _csrf: csrf, ...HOME }, HX);
    expect(added.status).toBe(200);
    const frag = await added.text();
    expect(frag).toMatch(/^<div id="address-book"/);
    expect(frag).toContain("地址已保存");
    expect(frag).toContain("139****1111");
    await post("/me/addresses", m.cookie, { _csrf: csrf, ...WORK }, HX);
    let list = await rows(m);
    expect(list).toHaveLength(2);
    expect(list.filter((r) => r.isDefault)).toHaveLength(1);
    expect(list[0]!.isDefault && list[0]!.text.includes("建国路")).toBe(true);
    const work = list.find((r) => r.text.includes("中关村"))!;

    // set default: exactly one default, and it is listed first
    const def = await post(`/me/addresses/${work.id}/default`, m.cookie, { _csrf: csrf }, HX);
    expect(def.status).toBe(200);
    expect(await def.text()).toContain("已设为默认地址");
    list = await rows(m);
    expect(list.filter((r) => r.isDefault).map((r) => r.id)).toEqual([work.id]);
    expect(list[0]!.id).toBe(work.id);

    // edit (the edit page, then the POST: htmx is sent back to the book)
    const edit = await (await get(`/me/addresses/${work.id}/edit`, m.cookie)).text();
    expect(inputValue(edit, "detail")).toBe(WORK.detail);
    const saved = await post(
      `/me/addresses/${work.id}`,
      m.cookie,
      { _csrf: csrf, ...WORK, detail: "中关村大街 2 号 9 层", makeDefault: "1" },
      HX,
    );
    expect(saved.status).toBe(200);
    expect(saved.headers.get("HX-Redirect")).toBe("/me/addresses");
    list = await rows(m);
    expect(list.find((r) => r.id === work.id)!.text).toContain("中关村大街 2 号 9 层");
    expect(list.filter((r) => r.isDefault).map((r) => r.id)).toEqual([work.id]);

    // delete the default: the other address becomes the default
    const del = await post(`/me/addresses/${work.id}/delete`, m.cookie, { _csrf: csrf }, HX);
    expect(del.status).toBe(200);
    list = await rows(m);
    expect(list).toHaveLength(1);
    expect(list[0]!.isDefault).toBe(true);
    expect(list[0]!.text).toContain("建国路");
  });

  it("adding with 设为默认地址 moves the default", async () => {
    const m = await login();
    const csrf = await csrfOf(m.cookie);
    await post("/me/addresses", m.cookie, { _csrf: csrf, ...HOME });
    const res = await post("/me/addresses", m.cookie, { _csrf: csrf, ...WORK, makeDefault: "1" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/me/addresses");
    const list = await rows(m);
    expect(list.filter((r) => r.isDefault)).toHaveLength(1);
    expect(list.find((r) => r.isDefault)!.text).toContain("中关村");
  });

  it("refuses an invalid address with 422: errors next to the fields, values kept, nothing saved", async () => {
    const m = await login();
    const csrf = await csrfOf(m.cookie);
    const res = await post(
      "/me/addresses",
      m.cookie,
      { _csrf: csrf, recipient: "", phone: "23800001111", region: "北京", detail: "朝阳" },
      HX,
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(/^<div id="address-form-fields"/);
    expect(html).toMatch(/data-field-error="recipient">请填写收货人姓名/);
    expect(html).toMatch(/data-field-error="phone">请填写正确的 11 位手机号/);
    expect(html).toMatch(/data-field-error="detail">/);
    expect(inputValue(html, "phone")).toBe("23800001111");
    expect(await rows(m)).toHaveLength(0);
    const page = await post("/me/addresses", m.cookie, { _csrf: csrf, ...HOME, phone: "1" });
    expect(page.status).toBe(422);
    expect(await page.text()).toContain("<html");
    // a bad edit too
    await post("/me/addresses", m.cookie, { _csrf: csrf, ...HOME });
    const id = (await rows(m))[0]!.id;
    const bad = await post(`/me/addresses/${id}`, m.cookie, { _csrf: csrf, ...HOME, region: "" }, HX);
    expect(bad.status).toBe(422);
    expect(await bad.text()).toMatch(/data-field-error="region"/);
  });

  it("only ever touches the member's own addresses: another member's id is 404 and unchanged", async () => {
    const owner = await login();
    await post("/me/addresses", owner.cookie, { _csrf: await csrfOf(owner.cookie), ...HOME });
    const id = (await rows(owner))[0]!.id;
    const other = await login();
    const csrf = await csrfOf(other.cookie);
    expect((await get(`/me/addresses/${id}/edit`, other.cookie)).status).toBe(404);
    expect((await post(`/me/addresses/${id}`, other.cookie, { _csrf: csrf, ...WORK }, HX)).status).toBe(404);
    expect((await post(`/me/addresses/${id}/default`, other.cookie, { _csrf: csrf }, HX)).status).toBe(404);
    expect((await post(`/me/addresses/${id}/delete`, other.cookie, { _csrf: csrf }, HX)).status).toBe(404);
    const still = await rows(owner);
    expect(still).toHaveLength(1);
    expect(still[0]!.text).toContain("建国路");
    expect(still[0]!.isDefault).toBe(true);
    expect(await rows(other)).toHaveLength(0);
  });

  it("requires CSRF on every change; guests get the login prompt", async () => {
    const m = await login();
    expect((await post("/me/addresses", m.cookie, { ...HOME }, HX)).status).toBe(403);
    expect(
      (
        await post(
          "/me/addresses",
          m.cookie,
          { _csrf: await csrfOf(m.cookie), ...HOME },
          { ...HX, Origin: "https://evil.example" },
        )
      ).status,
    ).toBe(403);
    expect(await rows(m)).toHaveLength(0);
    const guest = await post("/me/addresses", undefined, { ...HOME }, HX);
    expect(guest.status).toBe(401);
    expect(await guest.text()).toContain("登录后才能签到和兑换");
  });
});
