// A lottery's definition from Turso with its live stock and odds from its object: what the API, the console
// and the member's page read.
import type { Db } from "../../db/client";
import { lotteryFor } from "./lottery-stub";
import { readLottery, type LotteryRow, versionedOf } from "./rows";
import type { LotteryStatus, Versioned } from "./types";

export type LoadedLottery = { row: LotteryRow; v: Versioned; status: LotteryStatus };

export async function loadLottery(env: Pick<Env, "LOTTERY">, db: Db, id: string): Promise<LoadedLottery | null> {
  const row = await readLottery(db, id);
  if (!row) return null;
  const v = versionedOf(row);
  return { row, v, status: await lotteryFor(env, id).status(v) };
}
