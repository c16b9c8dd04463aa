// The WebhookDelivery object's contract (RPC) and the rows it answers with.

export type DeliveryState = "pending" | "delivered" | "failed";

export type AttemptView = {
  attempt: number;
  at: number;
  /** the receiver's HTTP status; null when there was no answer (timeout, network, refused URL) */
  status: number | null;
  /** response time (ms) */
  ms: number;
  error: string | null;
  /** started by a redeliver from the console or the API */
  manual: boolean;
};

export type DeliveryView = {
  eventSeq: number;
  eventId: string;
  type: string;
  uid: string | null;
  body: string;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: number | null;
  lastStatus: number | null;
  lastMs: number | null;
  lastError: string | null;
  createdAt: number;
  finishedAt: number | null;
  log: AttemptView[];
};

export type RunResult = { pulled: number; attempted: number; delivered: number; failed: number; disabled: boolean };

export type WebhookDeliveryApi = {
  /** Names the endpoint this object delivers for and makes sure its alarm will run soon. */
  wake(input: { endpointId: string; now: number }): Promise<{ ok: true }>;
  /** One round at `now`: pull new events, send what is due, disable the endpoint if it kept failing. The
   *  alarm runs it with the real clock. */
  run(input: { now: number }): Promise<RunResult>;
  /** The newest deliveries first (of one member's events, or the one event, if given), each with its attempts. */
  deliveries(input: { limit: number; uid?: string; eventId?: string }): Promise<DeliveryView[]>;
  /** Sends one event again (same webhook-id, same body) as soon as possible, with a fresh retry schedule. */
  redeliver(input: { eventId: string; now: number }): Promise<{ ok: true } | { ok: false; code: "DELIVERY_NOT_FOUND" }>;
};
