// The small HTTP core every fake shares: a node:http server on 127.0.0.1 (port 0 = a free one), a log of
// every request it received, and injectable faults, both behind a control API under /__fake/:
//   GET    /__fake/requests?path=/x&match=text   what was received (method, path, query, headers, body, at)
//   DELETE /__fake/requests                       forget it
//   POST   /__fake/faults  {path, match?, kind, status?, body?, contentType?, delayMs?, times?}
//          kind "status": answer status/body instead; "hang": never answer (the caller times out);
//          "delay": wait delayMs, then handle normally (a slow server: the work still happens);
//          "drop": destroy the connection. path is a prefix; match a substring of the URL or body, so
//          parallel tests scope faults to their own ids. times (default 1) faults, then normal again.
//   DELETE /__fake/faults
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";

export type FakeRequest = {
  method: string;
  url: URL;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  rawBody: Buffer;
};
export type FakeResponse = { status: number; headers?: Record<string, string>; body?: string | Buffer };
export type Handler = (req: FakeRequest) => Promise<FakeResponse | undefined> | FakeResponse | undefined;

export type Fault = {
  path: string;
  match?: string;
  kind: "status" | "hang" | "delay" | "drop";
  status?: number;
  body?: string;
  contentType?: string;
  delayMs?: number;
  times?: number;
};
export type Recorded = {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
};

export type FakeServer = { url: string; port: number; requests: Recorded[]; faults: Fault[]; close(): Promise<void> };

export const json = (status: number, value: unknown, headers: Record<string, string> = {}): FakeResponse => ({
  status,
  headers: { "Content-Type": "application/json; charset=utf-8", ...headers },
  body: JSON.stringify(value),
});
export const text = (status: number, body: string, contentType = "text/plain; charset=utf-8"): FakeResponse => ({
  status,
  headers: { "Content-Type": contentType },
  body,
});
export const html = (status: number, body: string): FakeResponse => text(status, body, "text/html; charset=utf-8");
export const redirect = (location: string, headers: Record<string, string> = {}): FakeResponse => ({
  status: 302,
  headers: { Location: location, ...headers },
});

export function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** Query parameters merged with an application/x-www-form-urlencoded body (first value wins). */
export function params(req: FakeRequest): Record<string, string> {
  const out: Record<string, string> = {};
  const ct = String(req.headers["content-type"] ?? "");
  if (ct.startsWith("application/x-www-form-urlencoded"))
    for (const [k, v] of new URLSearchParams(req.body)) if (!(k in out)) out[k] = v;
  for (const [k, v] of req.url.searchParams) if (!(k in out)) out[k] = v;
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** observe sees every non-control request, with the fault (if any) that will answer it, before anything else. */
export async function startFakeServer(
  name: string,
  handler: Handler,
  opts: { port?: number; observe?: (req: FakeRequest, fault: Fault | undefined) => void } = {},
): Promise<FakeServer> {
  const requests: Recorded[] = [];
  const faults: Fault[] = [];
  const sockets = new Set<Socket>();
  let closing = false;

  function takeFault(req: FakeRequest): Fault | undefined {
    const i = faults.findIndex(
      (f) => req.path.startsWith(f.path) && (!f.match || req.url.href.includes(f.match) || req.body.includes(f.match)),
    );
    if (i < 0) return undefined;
    const f = faults[i]!;
    if ((f.times ?? 1) <= 1) faults.splice(i, 1);
    else f.times = (f.times ?? 1) - 1;
    return f;
  }

  function control(req: FakeRequest): FakeResponse | undefined {
    if (req.path === "/__fake/requests") {
      if (req.method === "DELETE") return ((requests.length = 0), json(200, { ok: true }));
      const path = req.url.searchParams.get("path");
      const match = req.url.searchParams.get("match");
      return json(
        200,
        requests.filter(
          (r) =>
            (!path || r.path.startsWith(path)) &&
            (!match || JSON.stringify(r.query).includes(match) || r.body.includes(match) || r.path.includes(match)),
        ),
      );
    }
    if (req.path === "/__fake/faults") {
      if (req.method === "DELETE") return ((faults.length = 0), json(200, { ok: true }));
      if (req.method === "GET") return json(200, faults);
      const f = parseJson(req.body) as Fault | undefined;
      if (!f || typeof f.path !== "string" || !["status", "hang", "delay", "drop"].includes(f.kind))
        return json(400, { error: "fault needs {path, kind: status|hang|delay|drop}" });
      faults.push({ ...f, times: f.times ?? 1 });
      return json(200, { ok: true, faults: faults.length });
    }
    return undefined;
  }

  async function serve(nreq: IncomingMessage, nres: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of nreq) chunks.push(c as Buffer);
    const rawBody = Buffer.concat(chunks);
    const url = new URL(nreq.url ?? "/", "http://127.0.0.1");
    const req: FakeRequest = {
      method: nreq.method ?? "GET",
      url,
      path: url.pathname,
      headers: nreq.headers,
      body: rawBody.toString("utf8"),
      rawBody,
    };
    let res: FakeResponse | undefined;
    if (req.path.startsWith("/__fake/")) res = control(req);
    else {
      requests.push({
        method: req.method,
        path: req.path,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body: req.body,
        at: Date.now(),
      });
      const fault = takeFault(req);
      opts.observe?.(req, fault);
      if (fault?.kind === "hang") return; // the socket stays open until the caller gives up or the fake closes
      if (fault?.kind === "drop") return void nreq.socket.destroy();
      if (fault?.kind === "status")
        res = {
          status: fault.status ?? 500,
          headers: { "Content-Type": fault.contentType ?? "application/json; charset=utf-8" },
          body: fault.body ?? "",
        };
      if (fault?.kind === "delay") await sleep(fault.delayMs ?? 1000);
    }
    if (!res) res = await handler(req);
    if (closing) return;
    res ??= json(404, { error: `${name}: no route ${req.method} ${req.path}` });
    nres.writeHead(res.status, res.headers ?? {});
    nres.end(res.body ?? "");
  }

  const server = createServer((nreq, nres) => {
    serve(nreq, nres).catch((err) => {
      console.error(`[fake ${name}]`, err);
      if (!nres.headersSent) nres.writeHead(500, { "Content-Type": "text/plain" });
      nres.end(String(err));
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    faults,
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** A plain phone-sized page for the fakes' own screens (pick a WeChat user, pay). */
export function page(title: string, bodyHtml: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#ededed;color:#111}main{max-width:420px;margin:0 auto;padding:24px 16px}
.card{background:#fff;border-radius:8px;padding:16px;margin:12px 0}button,.btn{display:block;width:100%;padding:12px;border:0;border-radius:8px;background:#07c160;color:#fff;font-size:17px;margin:8px 0;text-align:center;text-decoration:none}
.secondary{background:#f2f2f2;color:#111}.amount{font-size:34px;font-weight:600;text-align:center}.muted{color:#888;font-size:13px}label{display:block;padding:8px 0}input[type=text]{width:100%;padding:8px;box-sizing:border-box}</style></head>
<body><main>${bodyHtml}<p class="muted">本地模拟服务 · fake for local development</p></main></body></html>`;
}
