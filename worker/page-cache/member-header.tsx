// A member's home page from the guest page cache: the cached guest page carries nothing of any member (it was
// rendered without a session), and the only part of the home page that is the member's is the header's
// member area (balance, tier, check-in with its CSRF token). So the member gets the guest entry with that
// area replaced by theirs, rendered from one wallet call (an exact read: a spend shows at once) — no
// catalogue read, no page render. Item pages are not served this way: their redeem form and 拼团 keys are
// the member's own.
import type { Context } from "hono";
import { renderFragment } from "../../views/render";
import { MemberBar } from "../../views/components/member-bar";
import type { AppEnv } from "../app-env";
import type { RequestSession } from "../identity/session";
import { loadMemberBar } from "../member/member-bar";
import { loadSettings, walletRules } from "../settings/load-settings";

/** The header's member area as HTML, for this member now. */
export async function memberBarHtml(c: Context<AppEnv>, session: RequestSession): Promise<string> {
  const settings = await loadSettings(c.var.db);
  const { bar } = await loadMemberBar(c.env, session, walletRules(settings), Date.now());
  return renderFragment(<MemberBar bar={bar} />);
}

/** The page with its header's member area (Layout's `.bar__extra`) holding `html` instead of the guest's. */
export function withMemberBar(res: Response, html: string): Response {
  return new HTMLRewriter()
    .on("header.bar > div.bar__extra", {
      element(el) {
        el.setInnerContent(html, { html: true });
      },
    })
    .transform(res);
}
