import type { ComponentChildren } from "preact";

export type FieldProps = { id: string; name: string; label: string; error?: string; hint?: string; children: ComponentChildren };

/** A labelled form field with its error (the server's 422 message) right under it. */
export function Field({ id, name, label, error, hint, children }: FieldProps) {
  return (
    <div class={error ? "field field--error" : "field"}>
      <label class="field__label" for={id}>
        {label}
      </label>
      {children}
      {hint && <p class="hint aitem__hint">{hint}</p>}
      {error && (
        <p id={`${id}-error`} class="field__error" data-field-error={name} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
