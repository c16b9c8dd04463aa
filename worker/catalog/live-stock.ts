// Exact stock for the item page: the item's stock object (docs/architecture.md §2: exact reads go to the objects),
// asked with the item's sale rules (read by the caller in its batch). If the object cannot be reached, null:
// the caller falls back to the Turso projection rather than failing the page.
import type { SaleRules } from "../stock/types";
import { stockOf } from "../stock/item-stocks";

export async function liveStock(env: Env, itemId: number, rules: SaleRules): Promise<number | null> {
  try {
    const status = await stockOf(env, itemId).status({ rules });
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
