// An item's slug, derived from its sku.

/** The item's slug, derived from its sku: lowercase, runs of anything else as "-". */
export function slugOf(sku: string): string {
  return (
    sku
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "item"
  );
}

/** The slug used when slugOf(sku) belongs to another sku ("A_B" and "A-B" both give "a-b"). */
export async function fallbackSlugOf(sku: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(sku)));
  const hex = Array.from(digest.slice(0, 4), (b) => b.toString(16).padStart(2, "0")).join("");
  return `${slugOf(sku)}-${hex}`;
}
