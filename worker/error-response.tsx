// Answers an error in the caller's format: the API gets {"error":{code,message}}, htmx gets a notice
// fragment (htmx 4 swaps 4xx/5xx bodies into the target), a browser gets the error page.
import type { Context } from "hono";
import { AdminErrorPage } from "../views/admin/admin-error-page";
import { ErrorNotice } from "../views/components/error-notice";
import { t } from "../views/i18n";
import { ErrorPage } from "../views/pages/error-page";
import { NotFoundPage } from "../views/pages/not-found-page";
import { meView } from "./admin/context";
import type { AppEnv } from "./app-env";
import { AppError, ERROR_CODES } from "./errors";
import { fragmentResponse, pageResponse } from "./render";
import { isApi, isHtmx } from "./request-kind";
import { fallbackMall, loadSettings } from "./settings/load-settings";

export async function errorResponse(c: Context<AppEnv>, err: AppError): Promise<Response> {
  const { status, message: key } = ERROR_CODES[err.code];
  const message = t(key);
  if (isApi(c.req.raw)) {
    return c.json({ error: { code: err.code, message: err.detail ? `${message}: ${err.detail}` : message } }, status);
  }
  if (isHtmx(c.req.raw)) {
    return fragmentResponse(<ErrorNotice code={err.code} message={message} detail={err.detail} />, status);
  }
  // The error page still wears the merchant's brand; if even the settings cannot be read, a neutral one.
  const mall = status >= 500 ? fallbackMall() : await loadSettings(c.var.db).then((s) => s.mall, fallbackMall);
  if (c.req.path === "/admin" || c.req.path.startsWith("/admin/")) {
    // Inside the console: its own shell (with the nav when signed in) and a way back into the console.
    const me = c.var.admin ? await meView(c).catch(() => undefined) : undefined;
    const detail = err.code === "FORBIDDEN" ? t("admin.error.forbidden") : (err.detail ?? t("error.tryAgain"));
    const page = (
      <AdminErrorPage brandColor={mall.brandColor} me={me} status={status} title={message} message={detail} />
    );
    return pageResponse(page, mall.brandColor, status);
  }
  const page =
    status === 404 ? (
      <NotFoundPage mall={mall} kind={err.code === "ITEM_NOT_FOUND" ? "item" : "page"} />
    ) : (
      <ErrorPage mall={mall} status={status} title={message} message={err.detail ?? t("error.tryAgain")} />
    );
  return pageResponse(page, mall.brandColor, status);
}

export async function unexpectedErrorResponse(c: Context<AppEnv>, err: unknown): Promise<Response> {
  console.error(
    JSON.stringify({
      level: "error",
      path: c.req.path,
      error: err instanceof Error ? (err.stack ?? err.message) : String(err),
    }),
  );
  return errorResponse(c, new AppError("INTERNAL"));
}
