import type { Catalogue } from "../types";
import type { leaderboardMessages as zh } from "../zh-CN/leaderboard";

// Points leaderboard: the member's page /leaderboard (English).
export const leaderboardMessages = {
  "leaderboard.title": "Points leaderboard",
  "leaderboard.link": "Leaderboard",
  "leaderboard.week": "This week",
  "leaderboard.month": "This month",
  "leaderboard.tabs": "Leaderboard period",
  "leaderboard.range": "Points earned from {from} to {to}, top {top} (may be a few seconds behind)",
  "leaderboard.rank": "No. {rank}",
  "leaderboard.points": "{points} points",
  "leaderboard.you": " (me)",
  "leaderboard.empty": "Nobody has earned points in this period yet",
  "leaderboard.mine": "My rank: No. {rank}, {points} points",
  "leaderboard.mineNone": "You have not earned points in this period yet. Check in or complete a task!",
  "leaderboard.optedOut": "You chose to stay off the leaderboard: your nickname and points are not shown on it",
  "leaderboard.optOut": "Leave the leaderboard",
  "leaderboard.optIn": "Join the leaderboard",
  "leaderboard.optOutHint": "While you are off it, other members cannot see your rank",
  "leaderboard.saved.out": "You left the leaderboard",
  "leaderboard.saved.in": "You joined the leaderboard",
} as const satisfies Catalogue<typeof zh>;
