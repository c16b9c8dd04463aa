// Where a webhook may be sent (SSRF): checked when an endpoint is saved and again before every attempt.
// Production: https only, port 443 or none, and never a loopback, private, link-local, CGNAT, multicast or
// otherwise reserved IP literal, nor localhost / *.localhost / *.local / *.internal, nor credentials in the URL.
// development and test (MALL_ENV) also allow http and loopback/private hosts, so the local fake receiver works.
// Redirects are never followed (delivery uses redirect: "manual"), so a public URL cannot bounce to a private one.
// Names are not resolved here (Workers has no DNS API); a Worker's fetch cannot reach private networks anyway.

export type UrlVerdict = { ok: true; url: URL } | { ok: false; reason: "invalid" | "https" | "private" };

const MAX_URL = 2000;

function ipv4(host: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? parts : null;
}

function privateV4([a, b]: number[]): boolean {
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b! >= 64 && b! <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b! >= 16 && b! <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0) ||
    (a === 198 && (b === 18 || b === 19)) ||
    a! >= 224
  );
}

function privateV6(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (h === "::" || h === "::1") return true;
  const mapped = /^::ffff:(.+)$/.exec(h);
  if (mapped) {
    const v4 = ipv4(mapped[1]!);
    if (v4) return privateV4(v4);
    const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(mapped[1]!);
    if (hex) {
      const hi = Number.parseInt(hex[1]!, 16);
      return privateV4([hi >> 8, hi & 255]);
    }
    return true;
  }
  return /^(f[cd]|fe[89ab]|ff|2001:db8|64:ff9b)/.test(h);
}

export function isPrivateHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, "");
  if (h === "localhost" || /\.(localhost|local|internal|lan|home\.arpa)$/.test(h)) return true;
  if (h.startsWith("[") || h.includes(":")) return privateV6(h);
  const v4 = ipv4(h);
  if (v4) return privateV4(v4);
  // Bare numbers / hex forms browsers and fetch read as IPv4 (http://2130706433/, http://0x7f.1/).
  if (/^[0-9.]+$/.test(h) || /^0x/i.test(h) || !h.includes(".")) return true;
  return false;
}

export function checkWebhookUrl(raw: string, mallEnv: string): UrlVerdict {
  if (raw.length > MAX_URL) return { ok: false, reason: "invalid" };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "invalid" };
  }
  if (url.username || url.password || url.hash) return { ok: false, reason: "invalid" };
  const local = mallEnv === "development" || mallEnv === "test";
  if (url.protocol !== "https:" && !(local && url.protocol === "http:")) return { ok: false, reason: "https" };
  if (!local && url.port !== "" && url.port !== "443") return { ok: false, reason: "private" };
  if (!local && isPrivateHost(url.hostname)) return { ok: false, reason: "private" };
  return { ok: true, url };
}
