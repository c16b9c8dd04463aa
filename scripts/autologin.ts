// `npm run autologin -- --uid U [--redirect /path] [--nickname N] [--url http://127.0.0.1:8787]`
// prints a signed autologin link for the running local instance, with the current secret: the newest one
// rotated in the console (read from the local database), else AUTOLOGIN_SECRET from .dev.vars.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { signAutologinLink } from "../worker/identity/autologin-sign";
import { UID_PATTERN } from "../worker/identity/uid";
import { parseDevVars, signingAutologinSecret } from "./dev-vars";
import { readInstance } from "./local-instance";
import { ROOT } from "./paths";

const { values } = parseArgs({
  options: {
    uid: { type: "string" },
    redirect: { type: "string" },
    nickname: { type: "string" },
    url: { type: "string" },
  },
});
if (!values.uid) {
  console.error("usage: npm run autologin -- --uid U [--redirect /path] [--nickname N] [--url BASE]");
  process.exit(2);
}
if (!UID_PATTERN.test(values.uid)) {
  console.error(
    `--uid must match ${UID_PATTERN.source} (1–64 of A–Z a–z 0–9 _ . : @ -, starting with a letter or digit)`,
  );
  process.exit(2);
}
const devVars = join(ROOT, ".dev.vars");
const secret =
  process.env.AUTOLOGIN_SECRET ??
  (existsSync(devVars) ? parseDevVars(readFileSync(devVars, "utf8")).AUTOLOGIN_SECRET : undefined);
if (!secret) {
  console.error("No AUTOLOGIN_SECRET: run `npm start` once (it writes .dev.vars) or set AUTOLOGIN_SECRET.");
  process.exit(2);
}
const instance = readInstance();
const base = values.url ?? instance.url ?? `http://127.0.0.1:${process.env.PORT ?? 8787}`;
const signing = await signingAutologinSecret(instance.dbUrl, secret);
console.log(
  await signAutologinLink(base, signing, { uid: values.uid, redirect: values.redirect, nickname: values.nickname }),
);
