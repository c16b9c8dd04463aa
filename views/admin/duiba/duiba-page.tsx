// 兑吧兼容 /admin/duiba (owners): the mode switch, appKey, appSecret (write-only: the page says whether it is set,
// never what it is), the merchant's three URLs, the autologin address to give the merchant's server, and the log
// of calls (request, answer, result, time), newest first, paged.
import { formatDateTime } from "../../format";
import { t } from "../../i18n";
import { AdminLayout } from "../admin-layout";
import { Field, invalid } from "../field";
import type { AdminMeView } from "../types";
import { PostForm } from "../../components/post-form";

export type DuibaSettingsPanel = {
  mode: "native" | "duiba";
  appKey: string;
  appSecretSet: boolean;
  consumeUrl: string;
  notifyUrl: string;
  addCreditsUrl: string;
};

export type DuibaCallRow = {
  id: string;
  kind: "consume" | "notify" | "add" | "autologin";
  uid: string;
  orderNum: string | null;
  request: string;
  answer: string;
  outcome: "ok" | "fail" | "timeout" | "error";
  httpStatus: number | null;
  durationMs: number;
  createdAt: number;
};

export type AdminDuibaPageProps = {
  brandColor: string;
  timeZone: string;
  me: AdminMeView;
  settings: DuibaSettingsPanel;
  autologinUrl: string;
  calls: DuibaCallRow[];
  nextCursor: string | null;
  notice?: { ok: boolean; text: string };
  errors?: Record<string, string>;
};

export function AdminDuibaPage(p: AdminDuibaPageProps) {
  const s = p.settings;
  const e = p.errors ?? {};
  const url = (id: string, name: "consumeUrl" | "notifyUrl" | "addCreditsUrl") => (
    <Field id={id} name={name} label={t(`duiba.${name}`)} error={e[name]}>
      <input id={id} name={name} type="url" value={s[name]} maxLength={512} {...invalid(id, e[name])} />
    </Field>
  );
  return (
    <AdminLayout title={t("duiba.title")} brandColor={p.brandColor} me={p.me} current="duiba">
      <h1 class="page-title">{t("duiba.title")}</h1>
      {p.notice && (
        <div class={p.notice.ok ? "alert alert--info" : "alert"} role="status" data-duiba-notice>
          <p>{p.notice.text}</p>
        </div>
      )}
      <p class="muted">{t("duiba.intro")}</p>
      <PostForm csrf={p.me.csrf} class="panel" method="post" action="/admin/duiba/settings" data-duiba-settings>
        <fieldset class="field">
          <legend class="field__label">{t("duiba.mode")}</legend>
          <label class="check">
            <input type="radio" name="mode" value="native" checked={s.mode === "native"} /> {t("duiba.mode.native")}
          </label>
          <label class="check">
            <input type="radio" name="mode" value="duiba" checked={s.mode === "duiba"} /> {t("duiba.mode.duiba")}
          </label>
        </fieldset>
        <Field id="duiba-appkey" name="appKey" label={t("duiba.appKey")} error={e.appKey}>
          <input
            id="duiba-appkey"
            name="appKey"
            value={s.appKey}
            maxLength={64}
            {...invalid("duiba-appkey", e.appKey)}
          />
        </Field>
        <Field
          id="duiba-secret"
          name="appSecret"
          label={t("duiba.appSecret")}
          hint={s.appSecretSet ? t("duiba.appSecret.set") : t("duiba.appSecret.unset")}
          error={e.appSecret}
        >
          <input
            id="duiba-secret"
            name="appSecret"
            type="password"
            autocomplete="off"
            value=""
            maxLength={128}
            data-secret-set={s.appSecretSet}
            {...invalid("duiba-secret", e.appSecret)}
          />
        </Field>
        {url("duiba-consume", "consumeUrl")}
        {url("duiba-notify", "notifyUrl")}
        {url("duiba-add", "addCreditsUrl")}
        <p>
          {t("duiba.autologinUrl")}: <code data-duiba-autologin>{p.autologinUrl}</code>
        </p>
        <button class="btn" type="submit">
          {t("duiba.save")}
        </button>
      </PostForm>

      <section class="panel" aria-label={t("duiba.calls")}>
        <h2>{t("duiba.calls")}</h2>
        {p.calls.length === 0 ? (
          <p class="muted">{t("duiba.calls.empty")}</p>
        ) : (
          <table class="table" data-duiba-calls>
            <thead>
              <tr>
                <th>{t("duiba.calls.time")}</th>
                <th>{t("duiba.calls.kind")}</th>
                <th>{t("duiba.calls.member")}</th>
                <th>{t("duiba.calls.orderNum")}</th>
                <th>{t("duiba.calls.outcome")}</th>
                <th>{t("duiba.calls.request")}</th>
                <th>{t("duiba.calls.answer")}</th>
              </tr>
            </thead>
            <tbody>
              {p.calls.map((c) => (
                <tr data-call-kind={c.kind} data-call-outcome={c.outcome} data-order-num={c.orderNum ?? undefined}>
                  <td>{formatDateTime(c.createdAt, p.timeZone)}</td>
                  <td>{t(`duiba.kind.${c.kind}`)}</td>
                  <td>{c.uid}</td>
                  <td>{c.orderNum ?? ""}</td>
                  <td>
                    {t(`duiba.outcome.${c.outcome}`)}
                    {c.httpStatus !== null ? ` · ${c.httpStatus}` : ""} ·{" "}
                    {t("duiba.calls.duration", { ms: c.durationMs })}
                  </td>
                  <td>
                    <code class="wrap">{c.request}</code>
                  </td>
                  <td>
                    <code class="wrap">{c.answer}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {p.nextCursor && (
          <p>
            <a href={`/admin/duiba?cursor=${encodeURIComponent(p.nextCursor)}`} data-duiba-more>
              {t("duiba.calls.more")}
            </a>
          </p>
        )}
      </section>
    </AdminLayout>
  );
}
