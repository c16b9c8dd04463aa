// An admin user as the login and the admins list both name it: the e-mail form field and the audit target.
import { z } from "zod";

export const Email = z.string().trim().toLowerCase().email("email").max(254);

export const userTarget = (email: string) => `admin_user:${email}`;
