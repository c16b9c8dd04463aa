import type { ComponentChildren } from "preact";

export type FieldProps = {
  /** the control's id (the label points at it) */
  id: string;
  /** the form field's name, when the message is looked up by it (data-field-error) */
  name?: string;
  label: string;
  /** the message for this field (the server's 422), shown under it */
  error?: string;
  hint?: string;
  children: ComponentChildren;
};

/** A labelled control with its hint and, after a refused save, its message right under it. */
export function Field({ id, name, label, error, hint, children }: FieldProps) {
  return (
    <div class={error ? "field field--error" : "field"}>
      <label class="field__label" for={id}>
        {label}
      </label>
      {children}
      {hint && <p class="hint">{hint}</p>}
      {error && (
        <p id={`${id}-error`} class="field__error" data-field-error={name} data-error-for={id} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** aria attributes tying a control to its message. */
export const invalid = (id: string, error: string | undefined) =>
  error ? { "aria-invalid": "true" as const, "aria-describedby": `${id}-error` } : {};
