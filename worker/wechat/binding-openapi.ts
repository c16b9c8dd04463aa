// The WeChat binding endpoint in the Merchant API's OpenAPI document (worker/api/openapi.ts).
import { UidParams } from "../api/schemas";
import type { Endpoint } from "../api/openapi";
import { WechatBindingBody, WechatBindingResult } from "./binding-api";

export const WECHAT_ENDPOINTS: Endpoint[] = [
  {
    method: "put",
    path: "/api/v1/members/{uid}/wechat",
    summary: "Bind a WeChat user to a member",
    description:
      "The WeChat user (by unionid or openid) logs in as this member from then on. Idempotent on ref; a user already bound to another member is WECHAT_ALREADY_BOUND.",
    params: UidParams,
    body: WechatBindingBody,
    ok: [{ status: 200, description: "The binding.", schema: WechatBindingResult }],
    errors: ["BAD_REQUEST", "VALIDATION_FAILED", "UNAUTHORIZED", "REF_CONFLICT", "WECHAT_ALREADY_BOUND"],
  },
];
