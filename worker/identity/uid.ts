// The one uid pattern (README: Members and points): the merchant's own member id, as autologin links, the
// Merchant API's paths and the console's member pages take it. 1–64 of A–Z a–z 0–9 _ . : @ -, starting with a
// letter or digit — so never "." or "..", never a path segment a URL would normalise away, and every member
// the mall accepts (autologin creates them) can be addressed by the API and the console.
export const UID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,63}$/;

export const isUid = (v: unknown): v is string => typeof v === "string" && UID_PATTERN.test(v);
