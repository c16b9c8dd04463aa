import type { Catalogue } from "../types";
import type { commonMessages as zh } from "../zh-CN/common";

// Shared by every page: titles, the layout, prices, the text rule's messages, the not-found page.
export const commonMessages = {
  "page.title": "{title} - {mall}",

  "layout.home": "{mall} home",
  "layout.footer": "{mall} · Points redemption is subject to the store's notices",

  "price.points": "{points} points",
  "price.pointsCash": "{points} points + {cash}",
  "price.yuan": "¥{yuan}",
  "price.originalLabel": "Was",

  "common.backHome": "Back to home",
  /** Joins a list parameter of an object's answer (tier names…). */
  "common.listSeparator": ", ",

  "text.notText": "must be text",
  "text.required": "is required",
  "text.tooShort": "must be at least {min} characters",
  "text.tooLong": "must be at most {max} characters",
  "text.invalidCharacters": "must not contain control characters, direction marks or invalid characters",

  "notFound.page.title": "Page not found",
  "notFound.page.message": "The page you are looking for doesn't exist or has been removed. Please check the link.",
  "notFound.item.title": "Item not found",
  "notFound.item.message":
    "This item may have been taken off the shelf, or the link is wrong. Have a look at our other rewards.",
} satisfies Catalogue<typeof zh>;
