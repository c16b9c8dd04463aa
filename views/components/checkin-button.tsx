import { t } from "../i18n";
import { PostForm } from "./post-form";

export type CheckinButtonProps = { checkedIn: boolean; csrf: string; oob?: boolean };

/**
 * The check-in form in the header: a real form (works without JS) that htmx posts, showing the result in
 * #notice; the button is disabled while the request runs. After today's check-in it reads 已签到, and a
 * second tap answers that it is already done.
 */
export function CheckinButton({ checkedIn, csrf, oob }: CheckinButtonProps) {
  return (
    <PostForm
      csrf={csrf}
      id="checkin-form"
      class="mbar__checkin"
      method="post"
      action="/checkin"
      hx-post="/checkin"
      hx-target="#notice"
      hx-swap="innerHTML"
      hx-disable="find button"
      hx-swap-oob={oob ? "true" : undefined}
    >
      <button class={checkedIn ? "btn btn--sm btn--done" : "btn btn--sm"} type="submit">
        {checkedIn ? t("member.checkedIn") : t("member.checkin")}
      </button>
    </PostForm>
  );
}
