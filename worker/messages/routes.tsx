// 消息中心, the member's side: GET /messages (?page=n, the paged list; the subscribe step where the merchant
// configured WeChat templates), POST /messages/{id}/read and POST /messages/read-all (htmx: the list again with
// the header's badge out of band; without JS a 303 back to the page), POST /messages/subscriptions (the
// answers of WeChat's subscribe step: each accepted template allows one WeChat message).
import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import { MemberBar } from "../../views/components/member-bar";
import { t } from "../../views/i18n";
import { MessageBadge } from "../../views/messages/message-badge";
import { MessageList, type MessageListView } from "../../views/messages/message-list";
import { MessagesPage, type SubscribeView } from "../../views/messages/messages-page";
import type { AppEnv } from "../app-env";
import { AppError } from "../errors";
import { loadMemberBar } from "../member/member-bar";
import { fragmentResponse, pageResponse } from "../render";
import { isHtmx } from "../request-kind";
import { loadSettings, walletRules } from "../settings/load-settings";
import { requireMember } from "../shop/require-member";
import { isWechatBrowser, wechatAccount } from "../wechat/config";
import { shareCsp, wechatShare } from "../wechat/share";
import { markAllRead, markRead, messagePage } from "./rows";
import { loadMessageSettings, TEMPLATE_ID } from "./settings";
import { recordSubscriptions, subscriptionCredits } from "./subscriptions";

type Ctx = Context<AppEnv>;

const PageQuery = z.object({ page: z.coerce.number().int().min(1).max(10_000).default(1) });
const PageField = z.object({ page: z.coerce.number().int().min(1).max(10_000).default(1) });
const MessageId = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const TemplateIds = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
  .pipe(z.array(z.string().regex(TEMPLATE_ID)).max(20));
const SubscribeForm = z
  .object({ accept: TemplateIds, reject: TemplateIds })
  .refine((f) => f.accept.length + f.reject.length > 0);

async function listView(c: Ctx, page: number, csrf: string, notice?: string): Promise<MessageListView> {
  const [settings, p] = await Promise.all([loadSettings(c.var.db), messagePage(c.var.db, c.var.member.uid, page)]);
  return {
    items: p.items,
    page: Math.min(page, p.pages),
    pages: p.pages,
    unread: p.unread,
    timeZone: settings.timeZone,
    csrf,
    notice: notice ?? null,
  };
}

async function page(c: Ctx, n: number, notice?: string) {
  const now = Date.now();
  const db = c.var.db;
  const settings = await loadSettings(db);
  const { bar } = await loadMemberBar(c.env, c.var.member, walletRules(settings), now);
  if (bar.kind !== "member") throw new AppError("LOGIN_REQUIRED");
  const [list, msgSettings, credits] = await Promise.all([
    listView(c, n, bar.csrf, notice),
    loadMessageSettings(db),
    subscriptionCredits(db, c.var.member.uid),
  ]);
  const templateIds = [...new Set(Object.values(msgSettings.templates))];
  const ua = c.req.header("User-Agent");
  let share = null;
  let subscribe: SubscribeView | null = null;
  if (templateIds.length > 0 && wechatAccount(c.env)) {
    share = isWechatBrowser(ua)
      ? await wechatShare(
          c.env,
          { url: c.req.url, userAgent: ua },
          { title: t("messages.title"), desc: settings.mall.tagline, image: settings.mall.logoUrl, path: "/" },
          now,
        )
      : null;
    if (share) share = { ...share, config: { ...share.config, openTagList: ["wx-open-subscribe"] } };
    subscribe = {
      templateIds,
      inWechat: share !== null,
      credits: templateIds.reduce((sum, id) => sum + (credits[id] ?? 0), 0),
    };
  }
  return pageResponse(
    <MessagesPage
      mall={settings.mall}
      list={list}
      subscribe={subscribe}
      share={share}
      headerExtra={<MemberBar bar={bar} />}
    />,
    settings.mall.brandColor,
    200,
    shareCsp(share),
  );
}

/** After marking: htmx gets the list and the badge (out of band); a form post goes back to the page it came from. */
async function afterMark(c: Ctx, n: number, notice?: string) {
  if (!isHtmx(c.req.raw)) return c.redirect(`/messages?page=${n}`, 303);
  const settings = await loadSettings(c.var.db);
  const { bar } = await loadMemberBar(c.env, c.var.member, walletRules(settings), Date.now());
  if (bar.kind !== "member") throw new AppError("LOGIN_REQUIRED");
  const list = await listView(c, n, bar.csrf, notice);
  return fragmentResponse(
    <>
      <MessageList list={list} />
      <MessageBadge unread={list.unread} oob />
    </>,
  );
}

async function pageField(c: Ctx): Promise<number> {
  const f = PageField.safeParse(await c.req.parseBody());
  if (!f.success) throw new AppError("BAD_REQUEST");
  return f.data.page;
}

export const messageRoutes = new Hono<AppEnv>()
  .get("/messages", requireMember, async (c) => {
    const q = PageQuery.safeParse(c.req.query());
    if (!q.success) throw new AppError("BAD_REQUEST");
    return page(c, q.data.page);
  })

  .post("/messages/read-all", requireMember, async (c) => {
    const n = await pageField(c);
    await markAllRead(c.var.db, c.var.member.uid, Date.now());
    return afterMark(c, n, t("messages.markedAll"));
  })

  .post("/messages/subscriptions", requireMember, async (c) => {
    const form = SubscribeForm.safeParse(await c.req.parseBody({ all: true }));
    if (!form.success) throw new AppError("VALIDATION_FAILED");
    const db = c.var.db;
    const { templates } = await loadMessageSettings(db);
    const decisions = [
      ...form.data.accept.map((templateId) => ({ templateId, status: "accept" as const })),
      ...form.data.reject.map((templateId) => ({ templateId, status: "reject" as const })),
    ];
    const n = await recordSubscriptions(db, c.var.member.uid, templates, decisions, Date.now());
    const text = n > 0 ? t("messages.subscribe.saved", { count: n }) : t("messages.subscribe.none");
    if (isHtmx(c.req.raw)) return fragmentResponse(<span data-subscribed={n}>{text}</span>);
    return page(c, 1, text);
  })

  .post("/messages/:id/read", requireMember, async (c) => {
    const id = MessageId.safeParse(c.req.param("id"));
    if (!id.success) throw new AppError("MESSAGE_NOT_FOUND");
    const n = await pageField(c);
    if (!(await markRead(c.var.db, c.var.member.uid, id.data, Date.now()))) throw new AppError("MESSAGE_NOT_FOUND");
    return afterMark(c, n);
  });
