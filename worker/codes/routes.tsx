// 兑换码, the member's page: GET /codes (?c=CODE from a printed QR code fills the field) and POST /codes
// (CSRF-checked by requireMember). Wrong guesses are slowed per member and per address (./guesses.ts) before
// any code is looked up; every refusal of a code is the one CODE_INVALID text. With htmx the answer is the
// result and the balance badge out of band; without JS it is the page with the result.
import { Hono } from "hono";
import { z } from "zod";
import { BalanceBadge } from "../../views/components/balance-badge";
import { MemberBar } from "../../views/components/member-bar";
import { CodeResult, type CodeResultView } from "../../views/codes/code-result";
import { CodesPage } from "../../views/codes/codes-page";
import { lazy, t } from "../../views/i18n";
import type { AppEnv } from "../app-env";
import { ERROR_CODES } from "../errors";
import { loadMemberBar } from "../member/member-bar";
import { refusalText } from "../object-text";
import { clientAddress } from "../rate-limit/rate-limit";
import { fragmentResponse, pageResponse } from "../render";
import { isHtmx } from "../request-kind";
import { requireMember } from "../shop/require-member";
import { loadSettings, walletRules } from "../settings/load-settings";
import { validate } from "../validate";
import { assertMayGuess, guessKeys, recordFailure } from "./guesses";
import { redeemCode } from "./redeem-code";

const CodesQuery = z.object({ c: z.string().max(64).optional() });
const CodeForm = z.object({
  code: z
    .string()
    .trim()
    .min(1, { error: lazy("codes.field.code") })
    .max(64, { error: lazy("codes.field.code") }),
});

export const codeRoutes = new Hono<AppEnv>()
  .get("/codes", requireMember, validate("query", CodesQuery, "BAD_REQUEST"), async (c) => {
    const settings = await loadSettings(c.var.db);
    const { bar } = await loadMemberBar(c.env, c.var.member, walletRules(settings), Date.now());
    const csrf = bar.kind === "member" ? bar.csrf : "";
    return pageResponse(
      <CodesPage
        mall={settings.mall}
        csrf={csrf}
        code={c.req.valid("query").c ?? ""}
        result={null}
        headerExtra={<MemberBar bar={bar} />}
      />,
      settings.mall.brandColor,
    );
  })

  .post("/codes", requireMember, validate("form", CodeForm), async (c) => {
    const db = c.var.db;
    const session = c.var.member;
    const { code } = c.req.valid("form");
    const now = Date.now();
    const keys = guessKeys(session.uid, clientAddress(c.req.raw));
    await assertMayGuess(db, keys, now);
    const settings = await loadSettings(db);
    const rules = walletRules(settings);
    const outcome = await redeemCode(c.env, db, { uid: session.uid, code, now, rules });
    if (!outcome.ok && outcome.code === "CODE_INVALID") await recordFailure(db, keys, now);
    const result: CodeResultView = outcome.ok
      ? { ok: true, points: outcome.points, batchName: outcome.batchName, balance: outcome.balance }
      : {
          ok: false,
          message: "detail" in outcome ? refusalText(outcome) : t(ERROR_CODES[outcome.code].message),
        };
    const status = outcome.ok ? 200 : ERROR_CODES[outcome.code].status;
    if (isHtmx(c.req.raw)) {
      return fragmentResponse(
        <>
          <CodeResult result={result} />
          {outcome.ok && <BalanceBadge balance={outcome.balance} oob />}
        </>,
        status,
      );
    }
    const { bar } = await loadMemberBar(c.env, session, rules, now);
    return pageResponse(
      <CodesPage
        mall={settings.mall}
        csrf={bar.kind === "member" ? bar.csrf : ""}
        code={outcome.ok ? "" : code}
        result={result}
        headerExtra={<MemberBar bar={bar} />}
      />,
      settings.mall.brandColor,
      status,
    );
  });
