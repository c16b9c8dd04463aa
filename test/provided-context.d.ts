// What the global setups provide to tests (vitest's provide/inject).
import "vitest";
import type { FakesInfo } from "../fakes/info";

declare module "vitest" {
  export interface ProvidedContext {
    /** test/db-global-setup: the workerd tests' shared database. */
    dbUrl: string;
    /** test/db-global-setup: a demo-mall database no test writes to. */
    catalogDbUrl: string;
    /** test/db-global-setup: migrated, unseeded; only the dashboard figures test writes to it. */
    dashboardDbUrl: string;
    /** test/db-global-setup: a demo mall only the every-route bad-input corpus writes to (items from 9,000,001). */
    corpusDbUrl: string;
    /** test/stack-global-setup: the running `wrangler dev` stack. */
    baseUrl: string;
    stackDbUrl: string;
    /** test/fakes-global-setup (workerd tests) and test/stack-global-setup (browser tests): the third-party fakes. */
    fakes: FakesInfo;
  }
}
