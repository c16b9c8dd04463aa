// The Worker's handle on an item's stock object: one object per item, named by String(itemId)
// (docs/architecture.md §2). Typed as the contract.
import type { StockAdminApi, StockApi } from "./types";

export type StockStub = StockApi & StockAdminApi;

export function stockFor(env: Pick<Env, "STOCK">, itemId: number): StockStub {
  return env.STOCK.getByName(String(itemId));
}
