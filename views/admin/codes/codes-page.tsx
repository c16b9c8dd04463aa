// 兑换码 /admin/codes: the batches with used/unused counts (disable one), the form for a new batch, and — only in
// the answer to that form — the new codes with their CSV (a data: link built into this one page: the mall keeps
// no copy of the codes, so the download exists once, right after creation).
import { PostForm } from "../../components/post-form";
import { formatDateTime } from "../../format";
import { t } from "../../i18n";
import { AdminLayout } from "../admin-layout";
import { Field } from "../field";
import type { AdminMeView } from "../types";

export type CodeBatchRow = {
  id: string;
  name: string;
  points: number;
  count: number;
  used: number;
  unused: number;
  expiresAt: number | null;
  perMemberLimit: number | null;
  disabled: boolean;
  createdAt: number;
};

export type CodeBatchForm = {
  ref: string;
  name: string;
  points: string;
  count: string;
  expiresAt: string;
  perMemberLimit: string;
};

export type NewCodes = { name: string; codes: string[]; csv: string; fileName: string };

export function AdminCodesPage(props: {
  brandColor: string;
  timeZone: string;
  me: AdminMeView;
  batches: CodeBatchRow[];
  form: CodeBatchForm;
  created?: NewCodes;
  notice?: string;
  error?: string;
}) {
  const { me, batches, form, created } = props;
  return (
    <AdminLayout title={t("admin.codes.title")} brandColor={props.brandColor} me={me} current="codes">
      <h1 class="page-title">{t("admin.codes.title")}</h1>
      {created && (
        <section class="panel" data-new-codes aria-labelledby="new-codes-title">
          <h2 id="new-codes-title">{t("admin.codes.created", { name: created.name, count: created.codes.length })}</h2>
          <p class="alert" role="alert">
            {t("admin.codes.onceWarning")}
          </p>
          <p>
            <a
              class="btn"
              href={`data:text/csv;charset=utf-8,${encodeURIComponent(created.csv)}`}
              download={created.fileName}
              data-codes-csv
            >
              {t("admin.codes.download")}
            </a>
          </p>
          <textarea class="field__input" readOnly rows={8} aria-label={t("admin.codes.title")} data-codes-list>
            {created.codes.join("\n")}
          </textarea>
        </section>
      )}
      {props.notice && (
        <p class="panel" role="status">
          {props.notice}
        </p>
      )}
      <h2>{t("admin.codes.batches")}</h2>
      {batches.length === 0 ? (
        <p class="panel muted">{t("admin.codes.none")}</p>
      ) : (
        <table class="abatch">
          <thead>
            <tr>
              <th scope="col">{t("admin.codes.col.name")}</th>
              <th scope="col">{t("admin.codes.col.points")}</th>
              <th scope="col">{t("admin.codes.col.count")}</th>
              <th scope="col">{t("admin.codes.col.used")}</th>
              <th scope="col">{t("admin.codes.col.unused")}</th>
              <th scope="col">{t("admin.codes.col.expires")}</th>
              <th scope="col">{t("admin.codes.col.limit")}</th>
              <th scope="col">{t("admin.codes.col.state")}</th>
            </tr>
          </thead>
          <tbody>
            {batches.map((b) => (
              <tr key={b.id} data-batch-id={b.id}>
                <td>{b.name}</td>
                <td>{b.points}</td>
                <td>{b.count}</td>
                <td data-used>{b.used}</td>
                <td data-unused>{b.unused}</td>
                <td>{b.expiresAt === null ? t("admin.codes.never") : formatDateTime(b.expiresAt, props.timeZone)}</td>
                <td>{b.perMemberLimit ?? t("admin.codes.noLimit")}</td>
                <td>
                  {b.disabled ? (
                    t("admin.codes.disabled")
                  ) : (
                    <PostForm csrf={me.csrf} method="post" action={`/admin/codes/${b.id}/disable`}>
                      {t("admin.codes.live")}{" "}
                      <button class="btn btn--small" type="submit">
                        {t("admin.codes.disable")}
                      </button>
                    </PostForm>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t("admin.codes.create")}</h2>
      {props.error && (
        <p class="alert" role="alert" data-error-code="VALIDATION_FAILED">
          {props.error}
        </p>
      )}
      <PostForm csrf={me.csrf} method="post" action="/admin/codes" class="panel" data-batch-form>
        <input type="hidden" name="ref" value={form.ref} />
        <Field id="cb-name" label={t("admin.codes.name")}>
          <input class="field__input" id="cb-name" name="name" value={form.name} maxLength={40} />
        </Field>
        <Field id="cb-points" label={t("admin.codes.points")}>
          <input class="field__input" id="cb-points" name="points" inputmode="numeric" value={form.points} />
        </Field>
        <Field id="cb-count" label={t("admin.codes.count")}>
          <input class="field__input" id="cb-count" name="count" inputmode="numeric" value={form.count} />
        </Field>
        <Field id="cb-expires" label={t("admin.codes.expiresAt")}>
          <input class="field__input" id="cb-expires" name="expiresAt" type="datetime-local" value={form.expiresAt} />
        </Field>
        <Field id="cb-limit" label={t("admin.codes.perMemberLimit")}>
          <input
            class="field__input"
            id="cb-limit"
            name="perMemberLimit"
            inputmode="numeric"
            value={form.perMemberLimit}
          />
        </Field>
        <button class="btn" type="submit">
          {t("admin.codes.submit")}
        </button>
      </PostForm>
    </AdminLayout>
  );
}
