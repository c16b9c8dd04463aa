// The draw area of /lottery/{id}: the wheel (or the scratch card), the result of the draw just made, and the
// form for the next one (a fresh key each render). Without JS the form posts and the answer is the whole page
// with this same stage; with htmx the stage is replaced by the answer's stage and the balance badge out of
// band. The result text is in the page at once (for screen readers) and shown when the wheel stops (CSS).
// 刮刮卡: the server has decided before the card is drawn; the answer is a card whose prize lies under a foil
// (a <details> whose <summary> is the foil). public/js/mall.js paints the foil on a canvas the member rubs off
// with a finger; past half of it gone, the card opens. Without JS a tap on the foil opens it. The result line
// shows once the card is open (CSS: .scratch[open] ~ …), so what is revealed is always the server's prize.
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

function Result({ result, reveal }: { result: DrawOutcomeView; reveal: "spin" | "scratch" | null }) {
  const cls = `lottery__result${reveal ? ` lottery__result--after-${reveal}` : ""}`;
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
  if (!result || (result.kind !== "won" && result.kind !== "none")) {
    return (
      <div class="scratch" data-scratch-idle="">
        <div class="scratch__cover">{t("lottery.scratch.idle")}</div>
      </div>
    );
  }
  return (
    <details class="scratch" data-scratch="" data-prize-id={result.prizeId}>
      <summary class="scratch__cover" data-scratch-foil-text={t("lottery.scratch.rub")}>
        {t("lottery.scratch.cover")}
      </summary>
      <div class="scratch__prize" data-scratch-prize="">
        {result.prizeName}
      </div>
    </details>
  );
}

export function LotteryStage({ lotteryId, kind, segments, form, result }: LotteryStageProps) {
  const stopAt = result && (result.kind === "won" || result.kind === "none") ? result.prizeId : null;
  const scratch = kind === "scratch";
  const action = scratch ? t("lottery.scratch.buy") : t("lottery.drawButton");
  const label = form?.free
    ? scratch
      ? t("lottery.scratch.buyFree")
      : t("lottery.drawFree")
    : `${action} · ${t("lottery.cost", { points: form?.cost ?? 0 })}`;
  const again = scratch ? t("lottery.scratch.again") : t("lottery.again");
  return (
    <section id={STAGE_ID} class="lottery__stage" aria-live="polite">
      {kind === "wheel" ? <Wheel segments={segments} stopAt={stopAt} /> : <Scratch result={result} />}
      {result && <Result result={result} reveal={stopAt === null ? null : scratch ? "scratch" : "spin"} />}
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
            {form.block ? blockText(form.block, form) : result ? again : label}
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
