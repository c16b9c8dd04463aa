// The Worker's handle on a lottery's object: one per campaign, named by the lottery id.
import type { LotteryAdminApi, LotteryApi } from "./types";

export type LotteryStub = LotteryApi & LotteryAdminApi;

export function lotteryFor(env: Pick<Env, "LOTTERY">, id: string): LotteryStub {
  return env.LOTTERY.getByName(id) as unknown as LotteryStub;
}
