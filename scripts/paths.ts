import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The project root (where package.json is). */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
