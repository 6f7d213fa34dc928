// The build under test: `npx vite build` into bench/results/dist-browser, the same config and
// output as `npm run build`.
// Rule: never dist/. A private output directory, so that this bench and someone's `npm test` /
// e2e run in the same tree never serve or delete each other's files. `--no-build` reuses the
// directory when it holds a build, and builds when it does not.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { fmt } from "../harness";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** Relative to ROOT. */
export const OUT_DIR = "bench/results/dist-browser";

/** Builds (unless `reuse` and a build is there); returns how long the build took, null when reused. */
export function build(reuse: boolean): number | null {
  if (reuse && existsSync(path.join(ROOT, OUT_DIR, "index.html"))) {
    console.log(`build: --no-build, reusing ${OUT_DIR}/`);
    return null;
  }
  console.log(`build: npx vite build --outDir ${OUT_DIR} --emptyOutDir …`);
  const t0 = performance.now();
  const r = spawnSync("npx", ["vite", "build", "--outDir", OUT_DIR, "--emptyOutDir", "--logLevel", "warn"], {
    cwd: ROOT,
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (r.status !== 0) throw new Error(`vite build failed (status ${String(r.status)}, signal ${String(r.signal)})`);
  const took = performance.now() - t0;
  console.log(`build: done in ${fmt(took / 1000, 1)} s`);
  return took;
}
