// /admin/members (owners and operators): search, a member's profile with the full ledger from their wallet,
// manual adjustment through the wallet (idempotent on the form's ref; audited after the wallet answered), and
// block/unblock (members.blocked, audited in the same batch).
import type { Context } from "hono";
import { Hono } from "hono";
import { AdjustPanel } from "../../../views/admin/members/adjust-panel";
import { MemberLedger, MemberLedgerRows } from "../../../views/admin/members/member-ledger";
import { AdminMemberPage } from "../../../views/admin/members/member-page";
import { MemberSummary } from "../../../views/admin/members/member-summary";
import { AdminMembersPage } from "../../../views/admin/members/members-page";
import type { AdjustPanelView } from "../../../views/admin/members/types";
import { findMember, type MemberRow } from "../../member/member-rows";
import { UidParams } from "../../api/schemas/members";
import type { AppEnv } from "../../app-env";
import { AppError, ERROR_CODES } from "../../errors";
import { CSRF_FIELD } from "../../identity/csrf";
import { fragmentResponse, pageResponse } from "../../render";
import { isHtmx } from "../../request-kind";
import { loadSettings, walletRules, type MallSettings } from "../../settings/load-settings";
import { validate } from "../../validate";
import { walletFor } from "../../wallet/wallet-stub";
import { meView, requireCsrf } from "../context";
import { AdjustForm, CursorQuery, fieldErrors, SearchQuery } from "./forms";
import { adminLedgerRows, loadProfile, newAdjustRef, PROFILE_LEDGER_PAGE } from "./profile";
import { auditAdjustOnce, searchMembers, setBlocked } from "./queries";
import { refusalText } from "../../object-text";

type Ctx = Context<AppEnv>;

const str = (v: unknown) => (typeof v === "string" ? v : undefined);

async function memberOr404(c: Ctx, uid: string): Promise<MemberRow> {
  const row = await findMember(c.var.db, uid);
  if (!row) throw new AppError("MEMBER_NOT_FOUND");
  return row;
}

/** The profile page (cursor: a later ledger page) with the adjustment panel as given. */
async function profilePage(
  c: Ctx,
  settings: MallSettings,
  row: MemberRow,
  panel: Omit<AdjustPanelView, "uid" | "csrf">,
  status: 200 | 409 | 422 = 200,
  cursor?: number,
) {
  const [me, member] = await Promise.all([meView(c), loadProfile(c.env, row, walletRules(settings), cursor)]);
  return pageResponse(
    <AdminMemberPage
      brandColor={settings.mall.brandColor}
      me={me}
      member={member}
      adjust={{ ...panel, uid: row.uid, csrf: me.csrf }}
    />,
    settings.mall.brandColor,
    status,
  );
}

/** The answer to an adjustment: htmx gets the panel (plus, after a change, the summary and ledger out of
 *  band); a plain form post gets the whole profile page. */
async function adjustAnswer(
  c: Ctx,
  settings: MallSettings,
  row: MemberRow,
  panel: Omit<AdjustPanelView, "uid" | "csrf">,
  status: 200 | 409 | 422,
) {
  if (!isHtmx(c.req.raw)) return profilePage(c, settings, row, panel, status);
  const me = await meView(c);
  const view = <AdjustPanel p={{ ...panel, uid: row.uid, csrf: me.csrf }} />;
  if (!panel.done) return fragmentResponse(view, status);
  const member = await loadProfile(c.env, row, walletRules(settings));
  return fragmentResponse(
    <>
      {view}
      <MemberSummary m={member} oob />
      <MemberLedger
        uid={member.uid}
        rows={member.ledger}
        nextCursor={member.nextCursor}
        timeZone={member.timeZone}
        oob
      />
    </>,
    status,
  );
}

async function changeBlocked(c: Ctx, uid: string, blocked: boolean) {
  const form = await c.req.parseBody();
  await requireCsrf(c, form[CSRF_FIELD]);
  await memberOr404(c, uid);
  await setBlocked(c.var.db, uid, blocked, c.var.admin.email, Date.now());
  return c.redirect(`/admin/members/${encodeURIComponent(uid)}`, 303);
}

export const adminMemberRoutes = new Hono<AppEnv>()
  .get("/", validate("query", SearchQuery), async (c) => {
    const { q, page } = c.req.valid("query");
    const [settings, found, me] = await Promise.all([
      loadSettings(c.var.db),
      searchMembers(c.var.db, q, page),
      meView(c),
    ]);
    const tierName = new Map(settings.rules.tiers.map((tier) => [tier.key, tier.name]));
    const lowest = [...settings.rules.tiers].sort((a, b) => a.threshold - b.threshold)[0]!;
    const rows = found.rows.map((r) => ({
      uid: r.uid,
      nickname: r.nickname,
      blocked: r.blocked,
      createdAt: r.createdAt,
      balance: r.balance ?? 0,
      tierName: (r.tier && tierName.get(r.tier)) ?? r.tier ?? lowest.name,
    }));
    return pageResponse(
      <AdminMembersPage
        brandColor={settings.mall.brandColor}
        me={me}
        s={{ q, page, rows, hasMore: found.hasMore, timeZone: settings.timeZone }}
      />,
      settings.mall.brandColor,
    );
  })

  .get(
    "/:uid",
    validate("param", UidParams, "MEMBER_NOT_FOUND"),
    validate("query", CursorQuery, "BAD_REQUEST"),
    async (c) => {
      const { uid } = c.req.valid("param");
      const { cursor } = c.req.valid("query");
      const [settings, row] = await Promise.all([loadSettings(c.var.db), memberOr404(c, uid)]);
      return profilePage(
        c,
        settings,
        row,
        { ref: newAdjustRef() },
        200,
        cursor === undefined ? undefined : Number(cursor),
      );
    },
  )

  .get(
    "/:uid/ledger",
    validate("param", UidParams, "MEMBER_NOT_FOUND"),
    validate("query", CursorQuery, "BAD_REQUEST"),
    async (c) => {
      const { uid } = c.req.valid("param");
      const { cursor } = c.req.valid("query");
      const [settings] = await Promise.all([loadSettings(c.var.db), memberOr404(c, uid)]);
      const page = await walletFor(c.env, uid).ledger({
        limit: PROFILE_LEDGER_PAGE,
        cursor: cursor === undefined ? undefined : Number(cursor),
      });
      return fragmentResponse(
        <MemberLedgerRows
          uid={uid}
          rows={adminLedgerRows(page.entries)}
          nextCursor={page.nextCursor === null ? null : String(page.nextCursor)}
          timeZone={settings.timeZone}
        />,
      );
    },
  )

  .post("/:uid/adjust", validate("param", UidParams, "MEMBER_NOT_FOUND"), async (c) => {
    const form = await c.req.parseBody();
    await requireCsrf(c, form[CSRF_FIELD]);
    const { uid } = c.req.valid("param");
    const [settings, row] = await Promise.all([loadSettings(c.var.db), memberOr404(c, uid)]);
    const typed = { points: str(form.points), reason: str(form.reason) };
    const parsed = AdjustForm.safeParse(form);
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error);
      const refusal = errors.ref ? { code: "VALIDATION_FAILED", message: errors.ref } : undefined;
      return adjustAnswer(
        c,
        settings,
        row,
        { ref: str(form.ref) && !errors.ref ? str(form.ref)! : newAdjustRef(), ...typed, errors, refusal },
        422,
      );
    }
    const { ref, points, reason } = parsed.data;
    const now = Date.now();
    const r = await walletFor(c.env, uid).adjust({ uid, ref, points, reason, now, rules: walletRules(settings) });
    if (!r.ok) {
      const status = ERROR_CODES[r.code].status as 409 | 422;
      // A ref another operation used cannot succeed again: the form gets a fresh one.
      return adjustAnswer(
        c,
        settings,
        row,
        {
          ref: r.code === "REF_CONFLICT" ? newAdjustRef() : ref,
          ...typed,
          refusal: { code: r.code, message: refusalText(r) },
        },
        status,
      );
    }
    await auditAdjustOnce(c.var.db, {
      actor: c.var.admin.email,
      uid,
      ref,
      points: r.points,
      reason,
      before: r.before,
      after: r.balance,
      at: now,
    });
    return adjustAnswer(
      c,
      settings,
      row,
      { ref: newAdjustRef(), done: { points: r.points, before: r.before, balance: r.balance } },
      200,
    );
  })

  .post("/:uid/block", validate("param", UidParams, "MEMBER_NOT_FOUND"), (c) =>
    changeBlocked(c, c.req.valid("param").uid, true),
  )
  .post("/:uid/unblock", validate("param", UidParams, "MEMBER_NOT_FOUND"), (c) =>
    changeBlocked(c, c.req.valid("param").uid, false),
  );
