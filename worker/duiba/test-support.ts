// Helpers for the Duiba workerd tests (not imported by the Worker): the fake merchant server of the test run
// (fakes/duiba-merchant, its signatures checked with node:crypto), its members and faults, and the config.
import { inject } from "vitest";
import type { DuibaConfig } from "./account-types";

export const merchant = () => inject("fakes").duibaMerchant;

export const merchantConfig = (): DuibaConfig => {
  const f = merchant();
  return {
    appKey: f.appKey,
    appSecret: f.appSecret,
    consumeUrl: f.consumeUrl,
    notifyUrl: f.notifyUrl,
    addCreditsUrl: f.addCreditsUrl,
  };
};

export async function merchantMember(uid: string, credits: number): Promise<void> {
  const r = await fetch(`${merchant().url}/__fake/duiba/members`, {
    method: "POST",
    body: JSON.stringify({ uid, credits }),
  });
  if (!r.ok) throw new Error(`fake merchant: ${r.status}`);
}

export type FakeOrder = { orderNum: string; credits: number; state: string; notices: number; kind: string };

export async function merchantState(uid: string): Promise<{ credits: number; orders: FakeOrder[] }> {
  return (await (await fetch(`${merchant().url}/__fake/duiba/members/${encodeURIComponent(uid)}`)).json()) as {
    credits: number;
    orders: FakeOrder[];
  };
}

export async function merchantFault(fault: Record<string, unknown>): Promise<void> {
  await fetch(`${merchant().url}/__fake/faults`, { method: "POST", body: JSON.stringify(fault) });
}

export async function merchantRefuse(uid: string, errorMessage: string, kind: "consume" | "add" = "consume") {
  await fetch(`${merchant().url}/__fake/duiba/refuse`, {
    method: "POST",
    body: JSON.stringify({ uid, errorMessage, kind }),
  });
}

/** The requests the fake received at `path` whose URL holds `match`. */
export async function merchantRequests(path: string, match: string): Promise<{ query: Record<string, string> }[]> {
  const u = new URL(`${merchant().url}/__fake/requests`);
  u.searchParams.set("path", path);
  u.searchParams.set("match", match);
  return (await (await fetch(u)).json()) as { query: Record<string, string> }[];
}
