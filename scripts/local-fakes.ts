// The fakes as `npm start` runs them: fixed ports (FAKES_PORT, default 8790: WeChat +1, WeChat Pay +2,
// Duiba merchant +3, webhook receiver +4) and the WeChat Pay keys kept in .data/fakes.json, so the
// merchant key and platform key a developer saved in the mall's settings stay valid across restarts.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { startFakes, type Fakes } from "../fakes/index";
import { generateRsaPair, merchantSerial, platformSerial } from "../fakes/wechat-pay/keys";

type Saved = {
  apiV3Key: string;
  merchant: { serialNo: string; privateKeyPem: string };
  platform: { serialNo: string; privateKeyPem: string };
};

function savedKeys(file: string): Saved {
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as Saved;
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  const saved: Saved = {
    apiV3Key: Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => alphabet[b % alphabet.length]).join(""),
    merchant: { serialNo: merchantSerial(), privateKeyPem: generateRsaPair().privateKeyPem },
    platform: { serialNo: platformSerial(), privateKeyPem: generateRsaPair().privateKeyPem },
  };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(saved, null, 2), { mode: 0o600 });
  return saved;
}

export async function startLocalFakes(keysFile: string): Promise<Fakes> {
  const base = Number(process.env.FAKES_PORT ?? 8790);
  const saved = savedKeys(keysFile);
  return startFakes({
    wechat: { port: base + 1 },
    wechatPay: { port: base + 2, apiV3Key: saved.apiV3Key, merchant: saved.merchant, platform: saved.platform },
    duibaMerchant: { port: base + 3 },
    webhookReceiver: { port: base + 4 },
  });
}
