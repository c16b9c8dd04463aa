import type { Catalogue } from "../types";
import type { shopMessages as zh } from "../zh-CN/shop";

// The shopper's catalogue: home, categories, search, the item page, flash sales.
export const shopMessages = {
  "home.catalogHeading": "Rewards",

  "flash.label": "Flash sale",
  "flash.startsIn": "Starts in",
  "flash.endsIn": "Ends in",
  "flash.started": "Started",
  "flash.ended": "Ended",
  "flash.cta.upcoming": "Coming soon",
  "flash.cta.live": "Grab it now",
  "flash.cta.ended": "View details",

  "catalog.all": "All",
  "catalog.tabs": "Categories",
  "catalog.emptyTitle": "Nothing in this category yet",
  "catalog.emptyHint": "New rewards are on their way. Take a look at the others in the meantime.",
  "catalog.emptyAction": "See all items",

  "item.type.physical": "Physical item · free delivery",
  "item.type.coupon": "Coupon · code issued right after redeeming",
  "item.type.virtual": "Service · the store arranges it after you redeem",
  "item.limit": "Limit {limit} per member",
  "item.noLimit": "No redemption limit",
  "item.tiersOnly": "{tiers} members only",
  "item.description": "Details",
  "item.category": "Category: {name}",
  "search.label": "Search items",
  "search.placeholder": "Search by item name",
  "search.submit": "Search",
  "search.clear": "Clear search",
  "search.title": "Search “{q}”",
  "search.emptyTitle": "No items found for “{q}”",
  "search.emptyHint": "Try another keyword, or browse all items",
  "catalog.more": "Load more",
  "catalog.badCategory": "The category parameter is malformed",
  "catalog.unknownCategory": "There is no category “{category}”",
  "catalog.badPage": "The page number is malformed",
  "search.tooLong": "Search terms can be at most {max} characters",
  "catalog.prev": "Previous page",
  "catalog.pageEmpty": "No more items",

  "flash.pageTitle": "Flash sales",
  "flash.viewAll": "All flash sales",
  "flash.emptyTitle": "No flash sales right now",
  "flash.emptyHint": "Upcoming flash sales show up here, so check back often",
  "flash.stockLeft": "{stock} left",
  "flash.soldOut": "Sold out",
  "flash.limit": "Limit {limit} per member",
} satisfies Catalogue<typeof zh>;
