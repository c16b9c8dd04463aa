// `npm start`: the whole mall locally. Secrets in .dev.vars (made on first run), data under .data/ and
// .wrangler/state/ (both kept across restarts), the mall on http://127.0.0.1:8787 (PORT overrides).
// Ctrl-C stops everything it started.
import { join } from "node:path";
import { signAutologinLink } from "../worker/identity/autologin-sign";
import { fakeWorkerVars } from "../fakes/info";
import { ensureDevVars, signingAutologinSecret } from "./dev-vars";
import { startLocalFakes } from "./local-fakes";
import { ROOT } from "./paths";
import { startStack } from "./stack";

const port = Number(process.env.PORT ?? 8787);
const devVarsPath = join(ROOT, ".dev.vars");
const { vars, added } = ensureDevVars(devVarsPath);

console.log(
  "Starting Points Mall: local fakes of WeChat / WeChat Pay / a Duiba merchant / a webhook receiver, libSQL server, migrations, demo seed, wrangler dev …",
);
const fakes = await startLocalFakes(join(ROOT, ".data/fakes.json"));
const fake = fakes.info();
const stack = await startStack({
  port,
  dbPort: process.env.LIBSQL_PORT ? Number(process.env.LIBSQL_PORT) : 0,
  dbFile: join(ROOT, ".data/mall.db"),
  persistTo: join(ROOT, ".wrangler/state"),
  verbose: process.env.VERBOSE === "1",
  vars: fakeWorkerVars(fake),
});

// signed with the current secret: the newest rotated in the console, else AUTOLOGIN_SECRET
const link = await signAutologinLink(stack.url, await signingAutologinSecret(stack.dbUrl, vars.AUTOLOGIN_SECRET!), {
  uid: "demo-alice",
  nickname: "小栗子",
});
console.log(`
  积分商城 is running:     ${stack.url}
  database (libSQL/Hrana):  ${stack.dbUrl}  (file .data/mall.db)
  secrets:                  ${devVarsPath}${added.length ? ` (created: ${added.join(", ")})` : ""}
  admin login:              ${vars.ADMIN_EMAIL} / see ADMIN_PASSWORD in .dev.vars

  fakes (README "Local fakes"; keys in .data/fakes.json):
    WeChat (API + OAuth):   ${fake.wechat.url}  appid ${fake.wechat.appid} secret ${fake.wechat.secret}
    WeChat Pay v3:          ${fake.wechatPay.url}  mchid ${fake.wechatPay.mchid}, config at ${fake.wechatPay.url}/__fake/wechatpay/config
    Duiba merchant server:  ${fake.duibaMerchant.url}/duiba/{consume,notify,add}  appKey ${fake.duibaMerchant.appKey}
    webhook receiver:       ${fake.webhookReceiver.url}/hooks/<any>  deliveries at /__fake/webhooks/deliveries

  Demo member link (valid 5 minutes, once; make more with \`npm run autologin -- --uid U\`):
  ${link}

  Ctrl-C to stop.`);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping …`);
  await stack.stop();
  await fakes.stop();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
