// WeChat Pay API v3 for the Worker: signing, verification, notification decryption, JSAPI pay params and
// a typed client. WebCrypto only (runs in workerd and in Node 20).
export * from "./aead";
export * from "./client";
export * from "./jsapi-params";
export * from "./notification";
export * from "./pem";
export * from "./sign";
export type * from "./types";
export * from "./verify";
