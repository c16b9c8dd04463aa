// Where webhooks may go (SSRF): https to public hosts in production; the local fakes' http://127.0.0.1 only in
// development and test.
import { describe, expect, it } from "vitest";
import { checkWebhookUrl, isPrivateHost } from "./url-rule";

const prod = (u: string) => {
  const v = checkWebhookUrl(u, "production");
  return v.ok ? "ok" : v.reason;
};

describe("webhook URL rule", () => {
  it("production: https on a public host only", () => {
    expect(prod("https://crm.example.com/hooks/mall")).toBe("ok");
    expect(prod("https://93.184.216.34/x")).toBe("ok");
    expect(prod("http://crm.example.com/hooks")).toBe("https");
    expect(prod("ftp://crm.example.com/")).toBe("https");
    expect(prod("https://user:pw@crm.example.com/")).toBe("invalid");
    expect(prod("not a url")).toBe("invalid");
    expect(prod("https://crm.example.com:8443/")).toBe("private");
    for (const u of [
      "https://localhost/x",
      "https://api.localhost/x",
      "https://127.0.0.1/x",
      "https://127.1/x",
      "https://2130706433/x",
      "https://0x7f000001/x",
      "https://10.0.0.8/x",
      "https://172.16.3.4/x",
      "https://192.168.1.1/x",
      "https://169.254.169.254/latest/meta-data",
      "https://100.64.0.1/x",
      "https://0.0.0.0/x",
      "https://[::1]/x",
      "https://[::ffff:127.0.0.1]/x",
      "https://[fd00::1]/x",
      "https://[fe80::1]/x",
      "https://printer.local/x",
      "https://metadata.internal/x",
      "https://intranet/x",
    ])
      expect([u, prod(u)]).toEqual([u, "private"]);
  });

  it("development and test also take http and loopback (the local fake receiver)", () => {
    expect(checkWebhookUrl("http://127.0.0.1:8794/hooks/a", "development").ok).toBe(true);
    expect(checkWebhookUrl("http://localhost:8794/hooks/a", "test").ok).toBe(true);
    expect(checkWebhookUrl("ftp://127.0.0.1/", "test").ok).toBe(false);
    expect(isPrivateHost("example.com")).toBe(false);
  });
});
