export type AdminRoleView = "owner" | "operator";

/** The logged-in admin as the layout shows it. */
export type AdminMeView = { email: string; role: AdminRoleView; csrf: string };

export type AdminUserView = {
  id: number;
  email: string;
  role: AdminRoleView;
  lastLoginAt: number | null;
  isMe: boolean;
};

export type AuditRowView = {
  id: number;
  actor: string;
  action: string;
  target: string;
  before: unknown;
  after: unknown;
  at: number;
};

export type AdminTokenView = {
  id: number;
  name: string;
  prefix: string;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
};
