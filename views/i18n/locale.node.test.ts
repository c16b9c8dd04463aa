// t() answers in the ambient locale (zh-CN outside a request), lazy() resolves when called, English groups
// thousands; and no module calls t() at its top level, where the text would freeze the locale of whoever
// imported it first (zod schemas and tables take lazy(key) instead).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { currentBackPath, currentLocale, interpolate, lazy, t, translate, withLocale } from ".";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

describe("t() and the request's locale", () => {
  it("is zh-CN outside a request and the ambient locale inside one, across awaits", async () => {
    expect(currentLocale()).toBe("zh-CN");
    expect(t("stock.low", { stock: 3 })).toBe("仅剩 3 件");
    await withLocale(
      "en",
      async () => {
        await new Promise((r) => setTimeout(r, 1));
        expect(currentLocale()).toBe("en");
        expect(currentBackPath()).toBe("/items/3");
        expect(t("stock.low", { stock: 3 })).toBe("Only 3 left");
        expect(await withLocale("zh-Hant", async () => t("stock.low", { stock: 3 }))).toBe("僅剩 3 件");
      },
      "/items/3",
    );
    expect(t("member.checkin")).toBe("签到");
  });

  it("lazy() is worded when called, in the locale of that moment", () => {
    const message = lazy("error.SOLD_OUT");
    expect(withLocale("en", message)).toBe("This item is sold out");
    expect(withLocale("zh-Hant", message)).toBe("商品已兌完");
    expect(message()).toBe("商品已兑完");
  });

  it("groups quantities in English only, never identifiers or years", () => {
    expect(translate("en", "price.points", { points: 12800 })).toBe("12,800 points");
    expect(translate("zh-CN", "price.points", { points: 12800 })).toBe("12800 积分");
    expect(interpolate("order {id} of {year}", { id: 12345, year: 2026 }, "en")).toBe("order 12345 of 2026");
  });
});

/** Files of the Worker and the views that run in the Worker (tests and the catalogues themselves aside). */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "i18n" ? [] : sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$|^test-/.test(name) ? [path] : [];
  });
}

/** t(…) calls evaluated when the module is imported: not inside any function. */
function importTimeCalls(path: string, src = readFileSync(path, "utf8")): string[] {
  const sf = ts.createSourceFile(path, src, ts.ScriptTarget.Latest, true, path.endsWith("x") ? 4 : 3);
  const found: string[] = [];
  const visit = (n: ts.Node, inFunction: boolean) => {
    const inside = inFunction || ts.isFunctionLike(n);
    if (!inside && ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === "t") {
      const { line } = sf.getLineAndCharacterOfPosition(n.getStart(sf));
      found.push(`${relative(ROOT, path)}:${line + 1} ${n.getText(sf).slice(0, 60)}`);
    }
    ts.forEachChild(n, (c) => visit(c, inside));
  };
  visit(sf, false);
  return found;
}

describe("no text is built at import time", () => {
  it("no module of worker/ or views/ calls t() at its top level (use lazy(key) there)", () => {
    const calls = [...sources(join(ROOT, "worker")), ...sources(join(ROOT, "views"))].flatMap((p) =>
      importTimeCalls(p),
    );
    expect(calls, "t() at import time freezes one locale for every request; use lazy(key)").toEqual([]);
  });

  it("the scan finds such a call, and only outside functions", () => {
    const src =
      'const A = { a: t("x") };\nconst B = () => t("y");\nfunction f() { return t("z"); }\nz.string().min(1, t("w"));';
    expect(importTimeCalls(join(ROOT, "probe.ts"), src)).toEqual(['probe.ts:1 t("x")', 'probe.ts:4 t("w")']);
  });
});
