import type { ComponentChildren } from "preact";

export type FieldProps = {
  /** the control's id (the label points at it) */
  id: string;
  label: string;
  /** the message for this field, shown under it */
  error?: string;
  hint?: string;
  children: ComponentChildren;
};

/** A labelled control with its hint and, after a refused save, its message right under it. */
export function Field({ id, label, error, hint, children }: FieldProps) {
  return (
    <div class={error ? "field field--error" : "field"}>
      <label class="field__label" for={id}>
        {label}
      </label>
      {children}
      {hint && <span class="hint">{hint}</span>}
      {error && (
        <span class="field__error" id={`${id}-error`} data-error-for={id} role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

/** aria attributes tying a control to its message. */
export const invalid = (id: string, error: string | undefined) => (error ? { "aria-invalid": "true" as const, "aria-describedby": `${id}-error` } : {});
