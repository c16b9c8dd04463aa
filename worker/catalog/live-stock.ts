// Exact stock for the item page: the item's stock object (docs/architecture.md §2: exact reads go to the objects).
// If the object cannot be reached, null: the caller falls back to the Turso projection rather than failing
// the page.
import type { Db } from "../../db/client";
import { loadSaleRules } from "../redeem/sale-rules";
import { stockFor } from "../stock/stock-stub";

export async function liveStock(env: Env, db: Db, itemId: number): Promise<number | null> {
  try {
    const rules = await loadSaleRules(db, itemId);
    if (!rules) return null;
    const status = await stockFor(env, itemId).status({ rules });
    return Math.max(0, status.available);
  } catch (err) {
    console.error(
      JSON.stringify({
        level: "error",
        msg: "live stock unavailable",
        itemId,
        error: err instanceof Error ? err.message : String(err),
      }),
    );
    return null;
  }
}
