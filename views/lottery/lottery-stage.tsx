// The draw area of /lottery/{id}: the wheel (or the scratch card), the result of the draw just made, and the
// form for the next one (a fresh key each render). Without JS the form posts and the answer is the whole page
// with this same stage; with htmx the stage is replaced by the answer's stage and the balance badge out of
// band. The result text is in the page at once (for screen readers) and shown when the wheel stops (CSS).
import { LoginPrompt } from "../components/login-prompt";
import { t } from "../i18n";
import { Wheel, type WheelSegment } from "./wheel";
import { PostForm } from "../components/post-form";

export type DrawOutcomeView =
  | {
      kind: "won";
      prizeId: string;
      prizeName: string;
      points: number | null;
      orderId: string | null;
      cost: number;
      free: boolean;
    }
  | { kind: "none"; prizeId: string; prizeName: string; cost: number; free: boolean }
  | { kind: "refunded"; cost: number; free: boolean }
  | { kind: "pending" }
  | { kind: "refused"; code: string; message: string };

export type DrawBlock = "notStarted" | "ended" | "limit" | "address" | "blocked" | "tier";

export type DrawFormView = {
  csrf: string;
  key: string;
  free: boolean;
  cost: number;
  block: DrawBlock | null;
  /** The tiers the lottery is limited to, as one phrase ("" = every tier). */
  tierNames: string;
};

export type LotteryStageProps = {
  lotteryId: string;
  kind: "wheel" | "scratch";
  segments: WheelSegment[];
  /** null: a guest */
  form: DrawFormView | null;
  result: DrawOutcomeView | null;
};

export const STAGE_ID = "lottery-stage";
export const drawPath = (id: string) => `/lottery/${id}/draw`;

function costLine(o: { cost: number; free: boolean }) {
  return o.free ? t("lottery.result.freeCost") : t("lottery.result.cost", { cost: o.cost });
}

function Result({ result, spin }: { result: DrawOutcomeView; spin: boolean }) {
  const cls = `lottery__result${spin ? " lottery__result--after-spin" : ""}`;
  switch (result.kind) {
    case "won":
      return (
        <div class={`${cls} alert alert--ok`} role="status" data-result="won" data-prize-id={result.prizeId}>
          <p class="lottery__headline">{t("lottery.result.won", { prize: result.prizeName })}</p>
          {result.points !== null && <p>{t("lottery.result.points", { points: result.points })}</p>}
          {result.orderId && (
            <p>
              <a href={`/me/orders/${result.orderId}`} data-order-id={result.orderId}>
                {t("lottery.result.order", { orderId: result.orderId })}
              </a>
            </p>
          )}
          <p class="alert__detail">{costLine(result)}</p>
        </div>
      );
    case "none":
      return (
        <div class={`${cls} alert alert--info`} role="status" data-result="none" data-prize-id={result.prizeId}>
          <p class="lottery__headline">{t("lottery.result.none")}</p>
          <p class="alert__detail">{costLine(result)}</p>
        </div>
      );
    case "refunded":
      return (
        <div class={`${cls} alert alert--info`} role="status" data-result="refunded">
          <p>{result.free ? t("lottery.result.refundedFree") : t("lottery.result.refunded", { cost: result.cost })}</p>
        </div>
      );
    case "pending":
      return (
        <div class={`${cls} alert alert--info`} role="status" data-result="pending">
          <p>{t("lottery.result.pending")}</p>
        </div>
      );
    case "refused":
      return (
        <div class={`${cls} alert alert--error`} role="alert" data-error-code={result.code}>
          <p>{result.message}</p>
        </div>
      );
  }
}

function blockText(block: DrawBlock, form: DrawFormView) {
  switch (block) {
    case "notStarted":
      return t("lottery.notStarted");
    case "ended":
      return t("lottery.ended");
    case "limit":
      return t("lottery.error.DRAW_DAILY_LIMIT");
    case "address":
      return t("lottery.addressNeeded");
    case "blocked":
      return t("error.MEMBER_BLOCKED");
    case "tier":
      return t("lottery.tierBlocked", { tiers: form.tierNames });
  }
}

function Scratch({ result }: { result: DrawOutcomeView | null }) {
  const shown = result && (result.kind === "won" || result.kind === "none");
  return (
    <div class="scratch" data-prize-id={shown ? result.prizeId : undefined}>
      <div class="scratch__prize">{shown ? result.prizeName : t("lottery.kind.scratch")}</div>
      <div class={`scratch__cover${shown ? " scratch__cover--off" : ""}`} aria-hidden="true">
        {t("lottery.scratchButton")}
      </div>
    </div>
  );
}

export function LotteryStage({ lotteryId, kind, segments, form, result }: LotteryStageProps) {
  const stopAt = result && (result.kind === "won" || result.kind === "none") ? result.prizeId : null;
  const label = form?.free
    ? t("lottery.drawFree")
    : `${t("lottery.drawButton")} · ${t("lottery.cost", { points: form?.cost ?? 0 })}`;
  return (
    <section id={STAGE_ID} class="lottery__stage" aria-live="polite">
      {kind === "wheel" ? <Wheel segments={segments} stopAt={stopAt} /> : <Scratch result={result} />}
      {result && <Result result={result} spin={stopAt !== null} />}
      {form ? (
        <PostForm
          csrf={form.csrf}
          class="lottery__form"
          method="post"
          action={drawPath(lotteryId)}
          hx-post={drawPath(lotteryId)}
          hx-target={`#${STAGE_ID}`}
          hx-swap="outerHTML"
          hx-disable="find button"
          {...{ "hx-status:4xx": `target:#${STAGE_ID} swap:outerHTML` }}
        >
          <input type="hidden" name="key" value={form.key} />
          <button class="btn btn--block" type="submit" disabled={form.block !== null} data-draw-button="">
            {form.block ? blockText(form.block, form) : result ? t("lottery.again") : label}
          </button>
          {form.block === "address" && (
            <p class="lottery__hint">
              <a href="/me/addresses">{t("lottery.addressLink")}</a>
            </p>
          )}
        </PostForm>
      ) : (
        <LoginPrompt />
      )}
    </section>
  );
}
