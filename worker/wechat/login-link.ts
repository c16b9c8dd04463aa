// Where 登录 (/login) goes: inside WeChat, with the mall's official account configured, straight into the
// WeChat login (snsapi_base is silent: the guest comes back logged in without seeing a page), returning to
// the page they came from (a same-origin Referer); elsewhere null (the login page says how to come in).
import { isSameOriginPath } from "../identity/autologin";
import { isWechatBrowser, wechatAccount } from "./config";

export function wechatLoginRedirect(
  env: Parameters<typeof wechatAccount>[0],
  req: { url: string; userAgent: string | undefined; referer: string | undefined },
): string | null {
  if (!isWechatBrowser(req.userAgent) || !wechatAccount(env)) return null;
  let back = "/";
  try {
    const ref = new URL(req.referer ?? "");
    const path = `${ref.pathname}${ref.search}`;
    if (ref.origin === new URL(req.url).origin && isSameOriginPath(path) && ref.pathname !== "/login") back = path;
  } catch {}
  return `/wechat/login?redirect=${encodeURIComponent(back)}`;
}
