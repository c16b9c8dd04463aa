// The Worker's handle on a group's object: one per group, named by the group id.
import type { GroupAdminApi, GroupApi } from "./types";

export type GroupStub = GroupApi & GroupAdminApi;

export function groupFor(env: Pick<Env, "GROUP_BUY">, id: string): GroupStub {
  return env.GROUP_BUY.getByName(id) as unknown as GroupStub;
}
