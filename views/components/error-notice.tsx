export type ErrorNoticeProps = {
  /** machine code, e.g. "BAD_FILTER" (AppError code) */
  code: string;
  /** user text from the catalogue */
  message: string;
  /** extra user-facing detail (already in the user's language) */
  detail?: string;
};

/**
 * Inline error for an htmx request that failed (htmx 4 swaps 4xx/5xx bodies). The category tabs route
 * 4xx/5xx answers into #catalog-alert (see hx-status on CategoryTabs), so this lands above the grid.
 */
export function ErrorNotice({ code, message, detail }: ErrorNoticeProps) {
  return (
    <div class="alert" role="alert" data-error-code={code}>
      <p>{message}</p>
      {detail && <p class="alert__detail">{detail}</p>}
    </div>
  );
}
