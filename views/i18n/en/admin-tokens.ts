import type { Catalogue } from "../types";
import type { adminTokensMessages as zh } from "../zh-CN/admin-tokens";

// The console's Merchant API tokens.
export const adminTokensMessages = {
  "admin.tokens.title": "API tokens",
  "admin.tokens.listLabel": "API token list",
  "admin.tokens.empty": "No API tokens created yet",
  "admin.tokens.bootstrap":
    "The MERCHANT_API_TOKEN set at deployment always works; it isn't listed here and can't be revoked here.",
  "admin.tokens.created": "Created {time}",
  "admin.tokens.lastUsed": "Last used: {time}",
  "admin.tokens.neverUsed": "Never used",
  "admin.tokens.active": "Active",
  "admin.tokens.revokedAt": "Revoked {time}",
  "admin.tokens.revoke": "Revoke",
  "admin.tokens.create.title": "Create an API token",
  "admin.tokens.create.hint":
    "Tokens authenticate calls to the Merchant API (Authorization: Bearer <token>). Use the name to tell them apart, e.g. “ERP sync”.",
  "admin.tokens.create.name": "Token name (1–40 characters)",
  "admin.tokens.create.submit": "Create",
  "admin.tokens.createdToken": "API token “{name}” created",
  "admin.tokens.showOnce":
    "The token is shown only this once; after you close or refresh the page it can't be seen again. Copy it now and keep it safe:",
} as const satisfies Catalogue<typeof zh>;
