import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { fakeWorkerVars } from "./fakes/info";

// Tests sit beside the code they test, in three kinds:
//   worker/**/*.test.ts   run inside workerd (@cloudflare/vitest-pool-workers) against the real Worker,
//                         its Durable Objects and a real local libSQL server started by test/db-global-setup
//   **/*.node.test.ts     Node: the libSQL server, views, scripts
//   **/*.browser.test.ts  Node driving Debian's Chromium (playwright-core) against a real `wrangler dev`
//                         stack started by test/stack-global-setup
//   **/*.stack.test.ts    Node scripts (reconcile, …) against that same running stack
export default defineConfig({
  test: {
    reporters: ["default", "./test/summary-reporter.ts"],
    projects: [
      {
        plugins: [
          cloudflareTest(({ inject }) => ({
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: {
              bindings: {
                MALL_ENV: "test",
                TURSO_DATABASE_URL: inject("dbUrl"),
                TURSO_AUTH_TOKEN: "",
                AUTOLOGIN_SECRET: "test-autologin-secret",
                MERCHANT_API_TOKEN: "test-merchant-token",
                SESSION_SECRET: "test-session-secret",
                ADMIN_EMAIL: "owner@example.com",
                ADMIN_PASSWORD: "test-admin-password",
                ...fakeWorkerVars(inject("fakes")),
              },
            },
          })),
        ],
        test: {
          name: "worker",
          include: ["worker/**/*.test.ts", "worker/**/*.test.tsx"],
          exclude: ["**/*.node.test.ts", "**/*.browser.test.ts"],
          globalSetup: ["test/db-global-setup.ts", "test/fakes-global-setup.ts"],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "node",
          include: ["**/*.node.test.ts"],
          exclude: ["node_modules/**", ".wrangler/**"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: "browser",
          include: ["**/*.browser.test.ts", "**/*.stack.test.ts"],
          exclude: ["node_modules/**", ".wrangler/**"],
          environment: "node",
          globalSetup: ["test/stack-global-setup.ts"],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
