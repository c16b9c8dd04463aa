// Argument guards every object's RPC methods share. A caller that breaks the contract (a `now` that is not
// epoch ms, a missing key) is a bug in the Worker, so these throw; a refusal the member can meet is a code.

export function isPositiveSafeInteger(n: unknown): n is number {
  return typeof n === "number" && Number.isSafeInteger(n) && n > 0;
}

/** `object` names the caller in the message ("wallet", "stock"). */
export function assertNow(object: string, now: unknown): asserts now is number {
  if (typeof now !== "number" || !Number.isFinite(now))
    throw new TypeError(`${object}: now must be epoch ms, got ${String(now)}`);
}

export function assertKey(object: string, name: string, v: unknown): asserts v is string {
  if (typeof v !== "string" || v.length === 0 || v.length > 200)
    throw new TypeError(`${object}: ${name} must be a non-empty string`);
}
