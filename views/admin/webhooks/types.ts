// What the console's webhook pages show (the Worker maps its rows to these).
export type AdminWebhookView = {
  id: string;
  url: string;
  events: string[];
  description: string;
  /** "enabled" | "paused" (by the merchant) | "failing" (disabled after a day of failures) */
  state: "enabled" | "paused" | "failing";
  /** until when the previous secret still signs; null when no grace period is running */
  previousValidUntil: number | null;
  createdAt: number;
};

export type AdminAttemptView = {
  attempt: number;
  at: number;
  status: number | null;
  ms: number;
  error: string | null;
  manual: boolean;
};

export type AdminDeliveryView = {
  eventId: string;
  type: string;
  state: "pending" | "delivered" | "failed";
  nextAttemptAt: number | null;
  body: string;
  log: AdminAttemptView[];
};
