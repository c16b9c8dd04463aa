import type { ComponentChildren } from "preact";
import { MeNav } from "../components/me-nav";
import { PostForm } from "../components/post-form";
import { t } from "../i18n";
import { Layout, type MallView } from "../layout";
import { CodeResult, type CodeResultView } from "./code-result";

export type CodesPageProps = {
  mall: MallView;
  csrf: string;
  /** what the field shows: `?c=` from a printed QR code, or what was just typed */
  code: string;
  result: CodeResultView | null;
  headerExtra?: ComponentChildren;
};

/** 兑换码 (/codes): one field and a button. Without JS the form posts and the answer is this page with the
 *  result; with htmx the result lands in #code-result and the balance badge is swapped out of band. */
export function CodesPage({ mall, csrf, code, result, headerExtra }: CodesPageProps) {
  return (
    <Layout mall={mall} title={t("page.title", { title: t("codes.title"), mall: mall.name })} headerExtra={headerExtra}>
      <MeNav current="codes" csrf={csrf} />
      <section class="panel" aria-labelledby="codes-title">
        <h1 id="codes-title" class="panel__title">
          {t("codes.title")}
        </h1>
        <p class="muted">{t("codes.intro")}</p>
        <PostForm
          csrf={csrf}
          method="post"
          action="/codes"
          hx-post="/codes"
          hx-target="#code-result"
          hx-swap="innerHTML"
          hx-disable="find button"
          data-code-form
        >
          <div class="field">
            <label class="field__label" for="code-input">
              {t("codes.label")}
            </label>
            <input
              class="field__input"
              id="code-input"
              name="code"
              type="text"
              value={code}
              placeholder={t("codes.placeholder")}
              autocomplete="off"
              autocapitalize="characters"
              spellcheck={false}
              maxLength={40}
            />
          </div>
          <button class="btn btn--block" type="submit">
            {t("codes.submit")}
          </button>
        </PostForm>
        <div id="code-result" aria-live="polite">
          <CodeResult result={result} />
        </div>
      </section>
    </Layout>
  );
}
