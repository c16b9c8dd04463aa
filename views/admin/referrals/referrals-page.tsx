// 邀请有礼 /admin/referrals: the programme's settings, who invited whom with what each side was paid or refused,
// and the arrivals that were not bound (with why).
import { PostForm } from "../../components/post-form";
import { formatDateTime } from "../../format";
import { t } from "../../i18n";
import { AdminLayout } from "../admin-layout";
import { Field } from "../field";
import type { AdminMeView } from "../types";

type Qualify = "signup" | "checkin" | "purchase";
type State = "pending" | "paid" | "refused";

export type ReferralSettingsForm = {
  enabled: boolean;
  inviterPoints: string;
  inviteePoints: string;
  qualify: Qualify;
  inviterDailyCap: string;
  inviterTotalCap: string;
};

export type ReferralRowView = {
  inviter: string;
  invitee: string;
  at: number;
  qualify: Qualify;
  inviterPoints: number;
  inviterState: State;
  inviterRefusal: string | null;
  inviteePoints: number;
  inviteeState: State;
  inviteeRefusal: string | null;
};

export type RefusalRowView = { uid: string; code: string; reason: string; at: number };

const QUALIFY: Qualify[] = ["signup", "checkin", "purchase"];

function reward(points: number, state: State, why: string | null) {
  if (state === "paid") return t("admin.referrals.reward.paid", { points });
  if (state === "refused") return t("admin.referrals.reward.refused", { points, why: why ?? "" });
  return t("admin.referrals.reward.pending", { points });
}

const REASONS = ["OFF", "UNKNOWN_CODE", "SELF", "CYCLE", "EXISTING", "ALREADY_BOUND"] as const;
const reasonText = (r: string) =>
  (REASONS as readonly string[]).includes(r) ? t(`admin.referrals.reason.${r as (typeof REASONS)[number]}`) : r;

export function AdminReferralsPage(props: {
  brandColor: string;
  timeZone: string;
  me: AdminMeView;
  form: ReferralSettingsForm;
  rows: ReferralRowView[];
  refusals: RefusalRowView[];
  saved?: boolean;
  error?: string;
}) {
  const { me, form } = props;
  return (
    <AdminLayout title={t("admin.referrals.title")} brandColor={props.brandColor} me={me} current="referrals">
      <h1 class="page-title">{t("admin.referrals.title")}</h1>
      <h2>{t("admin.referrals.settings")}</h2>
      {props.saved && (
        <p class="panel" role="status">
          {t("admin.referrals.saved")}
        </p>
      )}
      {props.error && (
        <p class="alert" role="alert" data-error-code="VALIDATION_FAILED">
          {props.error}
        </p>
      )}
      <PostForm csrf={me.csrf} method="post" action="/admin/referrals" class="panel" data-referral-settings>
        <label class="check">
          <input type="checkbox" name="enabled" value="1" checked={form.enabled} /> {t("admin.referrals.enabled")}
        </label>
        <Field id="rf-inviter" label={t("admin.referrals.inviterPoints")}>
          <input
            class="field__input"
            id="rf-inviter"
            name="inviterPoints"
            inputmode="numeric"
            value={form.inviterPoints}
          />
        </Field>
        <Field id="rf-invitee" label={t("admin.referrals.inviteePoints")}>
          <input
            class="field__input"
            id="rf-invitee"
            name="inviteePoints"
            inputmode="numeric"
            value={form.inviteePoints}
          />
        </Field>
        <Field id="rf-qualify" label={t("admin.referrals.qualify")}>
          <select class="field__input" id="rf-qualify" name="qualify">
            {QUALIFY.map((q) => (
              <option value={q} selected={form.qualify === q}>
                {t(`referrals.qualify.${q}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="rf-daily" label={t("admin.referrals.dailyCap")}>
          <input
            class="field__input"
            id="rf-daily"
            name="inviterDailyCap"
            inputmode="numeric"
            value={form.inviterDailyCap}
          />
        </Field>
        <Field id="rf-total" label={t("admin.referrals.totalCap")}>
          <input
            class="field__input"
            id="rf-total"
            name="inviterTotalCap"
            inputmode="numeric"
            value={form.inviterTotalCap}
          />
        </Field>
        <button class="btn" type="submit">
          {t("admin.referrals.save")}
        </button>
      </PostForm>
      <h2>{t("admin.referrals.list")}</h2>
      {props.rows.length === 0 ? (
        <p class="panel muted">{t("admin.referrals.none")}</p>
      ) : (
        <table class="abatch" data-referrals>
          <thead>
            <tr>
              <th scope="col">{t("admin.referrals.col.inviter")}</th>
              <th scope="col">{t("admin.referrals.col.invitee")}</th>
              <th scope="col">{t("admin.referrals.col.at")}</th>
              <th scope="col">{t("admin.referrals.col.qualify")}</th>
              <th scope="col">{t("admin.referrals.col.inviterReward")}</th>
              <th scope="col">{t("admin.referrals.col.inviteeReward")}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr data-invitee={r.invitee} data-inviter-state={r.inviterState} data-invitee-state={r.inviteeState}>
                <td>
                  <a href={`/admin/members/${encodeURIComponent(r.inviter)}`}>{r.inviter}</a>
                </td>
                <td>
                  <a href={`/admin/members/${encodeURIComponent(r.invitee)}`}>{r.invitee}</a>
                </td>
                <td>{formatDateTime(r.at, props.timeZone)}</td>
                <td>{t(`referrals.qualify.${r.qualify}`)}</td>
                <td>{reward(r.inviterPoints, r.inviterState, r.inviterRefusal)}</td>
                <td>{reward(r.inviteePoints, r.inviteeState, r.inviteeRefusal)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t("admin.referrals.refusals")}</h2>
      {props.refusals.length === 0 ? (
        <p class="panel muted">{t("admin.referrals.none")}</p>
      ) : (
        <table class="abatch" data-referral-refusals>
          <thead>
            <tr>
              <th scope="col">{t("admin.referrals.col.uid")}</th>
              <th scope="col">{t("admin.referrals.col.code")}</th>
              <th scope="col">{t("admin.referrals.col.reason")}</th>
              <th scope="col">{t("admin.referrals.col.at")}</th>
            </tr>
          </thead>
          <tbody>
            {props.refusals.map((r) => (
              <tr data-refusal={r.reason}>
                <td>{r.uid}</td>
                <td>{r.code}</td>
                <td>{reasonText(r.reason)}</td>
                <td>{formatDateTime(r.at, props.timeZone)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminLayout>
  );
}
