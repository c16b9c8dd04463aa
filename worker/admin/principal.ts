import type { ADMIN_ROLES } from "../../db/schema";

export type AdminRole = (typeof ADMIN_ROLES)[number];

/** The logged-in admin as handlers see it (c.var.admin), with the session it came with. */
export type AdminPrincipal = { id: number; email: string; role: AdminRole; sid: string; exp: number };
