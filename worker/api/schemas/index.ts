// The merchant API's zod schemas, one file per resource; validation and the OpenAPI document share them.
export * from "./common";
export * from "./items";
export * from "./members";
export * from "./orders";
export * from "./lotteries";
export * from "./webhooks";
export * from "./group-deals";
export * from "./codes";
