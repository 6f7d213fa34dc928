// Scenario "bundle": the size of the JS the built index.html loads at first load (its module
// script and modulepreload links), raw and gzipped (level 9 and zlib's default, 6), and of every
// assets/*.js, with the query console's chunk (CodeMirror, loaded after the page) reported on its
// own. Reads the build only: no browser.
// Rule: goal ≤ 200 kB (1,000 bytes) gzipped at the default level for the first load (issue 10:
// the console must not grow it); an index.html that loads no module script, or a build with no
// console chunk, is a failure (the scenario throws).
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

import { table } from "../harness";
import { ROOT } from "./build";
import { kB } from "./figures";
import type { Scenario } from "./scenario";

const GOAL_KB = 200;

interface AssetSize {
  file: string;
  raw: number;
  gzip9: number;
  gzipDefault: number;
}

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i").exec(tag);
  return m ? (m[1] ?? m[2] ?? m[3] ?? "") : null;
}

function sizes(dir: string): { firstLoad: AssetSize[]; all: AssetSize[] } {
  const sizeOf = (file: string): AssetSize => {
    const buf = readFileSync(path.join(dir, file));
    return { file, raw: buf.length, gzip9: gzipSync(buf, { level: 9 }).length, gzipDefault: gzipSync(buf).length };
  };
  const html = readFileSync(path.join(dir, "index.html"), "utf8");
  const firstLoad: string[] = [];
  for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
    const src = attr(tag, "src");
    if (src && attr(tag, "type") === "module") firstLoad.push(src);
  }
  for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) {
    const href = attr(tag, "href");
    if (href && (attr(tag, "rel") ?? "").split(/\s+/).includes("modulepreload")) firstLoad.push(href);
  }
  if (firstLoad.length === 0) throw new Error("index.html loads no module script");
  const local = firstLoad.map((u) => u.replace(/^\//, "").split(/[?#]/)[0]!);
  const all = readdirSync(path.join(dir, "assets"))
    .filter((f) => f.endsWith(".js"))
    .map((f) => `assets/${f}`)
    .sort((a, b) => statSync(path.join(dir, b)).size - statSync(path.join(dir, a)).size);
  return { firstLoad: [...new Set(local)].map(sizeOf), all: all.map(sizeOf) };
}

export const bundle: Scenario = {
  id: "bundle",
  title: "bundle sizes",
  needsBrowser: false,
  needsAppBuild: true,
  async run(ctx) {
    const b = sizes(path.join(ROOT, ctx.outDir));
    const sum = (xs: AssetSize[], k: "raw" | "gzip9" | "gzipDefault"): number => xs.reduce((a, x) => a + x[k], 0);
    const row = (a: AssetSize): string[] => [a.file, kB(a.raw), kB(a.gzip9), kB(a.gzipDefault)];
    const firstGzip = sum(b.firstLoad, "gzipDefault");
    const consoleChunk = b.all.find((a) => /^assets\/Console-[^/]*\.js$/.test(a.file));
    if (!consoleChunk) throw new Error("the build has no Console-*.js chunk: the query console is not lazy-loaded");
    const header = ["file", "raw", "gzip -9", "gzip (default 6)"];
    const body = [
      table(header, [...b.firstLoad.map(row), ["total", kB(sum(b.firstLoad, "raw")), kB(sum(b.firstLoad, "gzip9")), kB(firstGzip)]]),
      `   the query console's chunk (loaded after the page): ${consoleChunk.file}, ${kB(consoleChunk.raw)} raw, ${kB(consoleChunk.gzipDefault)} gzip`,
      "   all assets/*.js:",
      table(header, b.all.map(row))
        .split("\n")
        .map((l) => "   " + l)
        .join("\n"),
    ].join("\n");
    return {
      heading: "bundle: JS loaded at first load (module script + modulepreload), kB = 1,000 bytes",
      body,
      goals: [{ what: `≤ ${GOAL_KB} kB gzip (default level)`, met: firstGzip / 1000 <= GOAL_KB }],
      json: { ...b, firstLoadGzipDefault: firstGzip, firstLoadGzip9: sum(b.firstLoad, "gzip9"), goalKB: GOAL_KB, consoleChunk },
    };
  },
};
