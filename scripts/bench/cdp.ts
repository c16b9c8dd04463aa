// A minimal Chrome DevTools Protocol client over wrangler dev's inspector WebSocket (`--inspector-port`), for
// CPU profiles of the Worker's isolate: Profiler.start/stop and the scripts' sources (to name modules).
import WebSocket from "ws";

export type CallFrame = {
  functionName: string;
  scriptId: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
};
export type ProfileNode = { id: number; callFrame: CallFrame; hitCount?: number; children?: number[] };
export type CpuProfile = {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
};

export class Cdp {
  private nextId = 1;
  private pending = new Map<number, { resolve(v: any): void; reject(e: Error): void }>();
  readonly scripts = new Map<string, string>(); // scriptId → url

  private constructor(private ws: WebSocket) {
    ws.on("message", (data) => {
      const msg = JSON.parse(String(data)) as {
        id?: number;
        result?: unknown;
        error?: { message: string };
        method?: string;
        params?: any;
      };
      if (msg.id !== undefined) {
        const p = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        if (msg.error) p?.reject(new Error(msg.error.message));
        else p?.resolve(msg.result);
      } else if (msg.method === "Debugger.scriptParsed") {
        this.scripts.set(msg.params.scriptId, msg.params.url);
      }
    });
    ws.on("close", () => {
      for (const p of this.pending.values()) p.reject(new Error("the inspector closed the connection"));
      this.pending.clear();
    });
  }

  /** Connects to the first target wrangler dev's inspector lists at /json. */
  static async connect(inspectorPort: number): Promise<Cdp> {
    const targets = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json`)).json()) as {
      webSocketDebuggerUrl: string;
    }[];
    const url = targets[0]?.webSocketDebuggerUrl;
    if (!url) throw new Error(`no inspector target on port ${inspectorPort}`);
    const ws = new WebSocket(url);
    await new Promise<void>((resolve, reject) => ws.once("open", () => resolve()).once("error", reject));
    return new Cdp(ws);
  }

  send<T = any>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  close(): void {
    this.ws.close();
  }
}
