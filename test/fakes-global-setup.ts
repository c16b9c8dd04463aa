// For the workerd tests: the third-party fakes (fakes/index.ts) as real local servers; their URLs and the
// credentials to use against them are provided as `fakes` (vitest's provide/inject), and the Worker's
// WECHAT_API_BASE / WECHAT_OPEN_BASE / WECHATPAY_API_BASE bindings point at them (vitest.config.ts).
import type { TestProject } from "vitest/node";
import { startFakes } from "../fakes/index";

export default async function setup(project: TestProject) {
  const fakes = await startFakes({ wechatPay: { retryScale: 0.001 } });
  project.provide("fakes", fakes.info());
  return () => fakes.stop();
}
