// Member tiers as a limit on a game (a lottery, a group deal): the tier keys allowed, empty (or absent, in
// definitions saved before tiers) for every tier. The objects check it with the tier the Worker read from the
// member's wallet; an unknown tier (null) is allowed only where every tier is.
export function tierAllowed(tiers: readonly string[] | undefined, tier: string | null): boolean {
  return !tiers || tiers.length === 0 || (tier !== null && tiers.includes(tier));
}
