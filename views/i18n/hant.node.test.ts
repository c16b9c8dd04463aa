// The checked-in zh-Hant catalogue is exactly what `npm run i18n:hant` makes from zh-CN: a zh-CN key added or
// changed without running the script fails here (and names the key).
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { I18N_DIR } from "./catalogue-files";
import { hantMessage, toHant } from "./hant-convert";
import { expectedHant, hantFolder } from "./hant-files";
import { zhHant } from "./zh-Hant";

describe("the generated zh-Hant catalogue", () => {
  it("each zh-Hant feature file holds the generator's output for its zh-CN twin, key by key and in order", async () => {
    const stale: string[] = [];
    for (const [file, want] of await expectedHant()) {
      const mod = (await import(join(I18N_DIR, "zh-Hant", file)).catch(() => ({}))) as Record<string, unknown>;
      const got = mod[want.exportName] as Record<string, string> | undefined;
      if (!got) {
        stale.push(`${file}: missing (or not exporting ${want.exportName})`);
        continue;
      }
      for (const [k, v] of Object.entries(want.messages))
        if (got[k] !== v) stale.push(`${file} ${k}: ${JSON.stringify(got[k])} ≠ ${JSON.stringify(v)}`);
      for (const k of Object.keys(got)) if (!Object.hasOwn(want.messages, k)) stale.push(`${file} ${k}: extra`);
      expect(Object.keys(got), file).toEqual(Object.keys(want.messages));
    }
    expect(stale, "zh-Hant is stale: run `npm run i18n:hant` and commit views/i18n/zh-Hant").toEqual([]);
  });

  it("the folder has exactly the generator's files, and its index merges every one of them", async () => {
    const files = [...(await hantFolder()).keys()].sort();
    expect(readdirSync(join(I18N_DIR, "zh-Hant")).sort()).toEqual(files);
    const expected = Object.assign({}, ...[...(await expectedHant()).values()].map((f) => f.messages));
    expect(zhHant).toEqual(expected);
  });

  it("converts with Taiwan phrases and the mall's own terms", () => {
    expect(toHant("积分兑换")).toBe("積分兌換");
    expect(toHant("限时秒杀")).toBe("限時搶購");
    expect(toHant("发货")).toBe("出貨");
    expect(toHant("补签")).toBe("補簽");
    expect(toHant("退出登录")).toBe("登出");
    expect(toHant("请填写手机号")).toBe("請填寫手機號碼");
    expect(hantMessage("admin.items.codes.file", "或上传 CSV 文件（取第一列）")).toBe("或上傳 CSV 檔案（取第一欄）");
  });
});
