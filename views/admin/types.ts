// What every console page shows: the signed-in admin (each page's own props are beside its component).
export type AdminRoleView = "owner" | "operator";

/** The logged-in admin as the layout shows it. */
export type AdminMeView = { email: string; role: AdminRoleView; csrf: string };
