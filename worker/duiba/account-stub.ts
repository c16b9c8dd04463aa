// The Worker's handle on a member's DuibaAccount object (one per uid, worker/duiba/account-object.ts).
import type { DuibaAccountAdminApi, DuibaAccountApi } from "./account-types";

export type DuibaAccountStub = DuibaAccountApi & DuibaAccountAdminApi;

export function duibaFor(env: Pick<Env, "DUIBA_ACCOUNT">, uid: string): DuibaAccountStub {
  return env.DUIBA_ACCOUNT.getByName(uid) as unknown as DuibaAccountStub;
}
