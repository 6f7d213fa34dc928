// scripts/system-packages.sh (npm's pretest): silent when everything is there; names the exact
// install command when not root; as root installs only what is missing with apt-get, without
// prompts or stdin. Runs the real script with a PATH holding only stand-ins.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const SCRIPT = resolve(__dirname, "../scripts/system-packages.sh");
const BASH = ["/bin/bash", "/usr/bin/bash"].find((p) => existsSync(p))!;
const PROGRAMS: Record<string, string[]> = {
  prometheus: ["promtool", "prometheus"],
  "prometheus-pushgateway": ["prometheus-pushgateway"],
};

let dir: string;
let bin: string;

function program(name: string, body = "exit 0"): void {
  writeFileSync(join(bin, name), `#!${BASH}\n${body}\n`);
  chmodSync(join(bin, name), 0o755);
}

/**
 * A stand-in apt-get that logs each call (arguments, DEBIAN_FRONTEND, what stdin is) and, when
 * `installs`, puts stand-ins for the packages' programs on the PATH.
 */
function aptGet(installs: boolean): void {
  const creates = Object.entries(PROGRAMS)
    .map(
      ([pkg, programs]) =>
        `  case " $* " in *" ${pkg} "*) ` +
        programs.map((p) => `printf '#!${BASH}\\nexit 0\\n' > "${bin}/${p}"; /bin/chmod +x "${bin}/${p}"; `).join("") +
        ";; esac",
    )
    .join("\n");
  program(
    "apt-get",
    [
      `if [ /dev/stdin -ef /dev/null ]; then stdin=/dev/null; else stdin=other; fi`,
      `echo "$* | DEBIAN_FRONTEND=$DEBIAN_FRONTEND | stdin=$stdin" >> "${dir}/apt.log"`,
      installs ? `if [ "$1" = install ]; then\n${creates}\nfi` : "",
    ].join("\n"),
  );
}

function run(asRoot: "0" | "1") {
  const chromium = join(dir, "chromium");
  writeFileSync(chromium, "");
  const r = spawnSync(BASH, [SCRIPT], {
    env: { PATH: bin, CHROMIUM_PATH: chromium, SYSTEM_PACKAGES_AS_ROOT: asRoot },
    encoding: "utf8",
    timeout: 20_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const aptLog = () => (existsSync(join(dir, "apt.log")) ? readFileSync(join(dir, "apt.log"), "utf8").trim().split("\n") : []);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "playground-system-packages-"));
  bin = join(dir, "bin");
  mkdirSync(bin);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("scripts/system-packages.sh", () => {
  it("is silent and succeeds when Chromium, promtool, prometheus and the Pushgateway are there", () => {
    for (const p of ["promtool", "prometheus", "prometheus-pushgateway"]) program(p);
    aptGet(true);
    expect(run("1")).toEqual({ status: 0, stdout: "", stderr: "" });
    expect(aptLog()).toEqual([]);
  });

  it("not root, on Debian: stops at once with the apt-get command for just what is missing", () => {
    program("prometheus"); // promtool missing still means the prometheus package
    aptGet(true);
    const r = run("0");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("missing: prometheus prometheus-pushgateway");
    expect(r.stderr).toContain("\n  sudo apt-get install -y prometheus prometheus-pushgateway\n");
    expect(aptLog()).toEqual([]);
  });

  it("without apt-get: stops with where to get the programs", () => {
    program("promtool");
    program("prometheus");
    const r = run("1");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("missing: prometheus-pushgateway");
    expect(r.stderr).toContain("https://github.com/prometheus/pushgateway/releases (put its binary on your PATH as prometheus-pushgateway)");
    expect(r.stderr).not.toContain("prometheus.io/download");
  });

  it("as root on Debian: apt-get update once, then installs only the missing packages, no prompts, no stdin", () => {
    program("promtool");
    program("prometheus");
    aptGet(true);
    const r = run("1");
    expect(r).toMatchObject({ status: 0, stderr: "" });
    expect(r.stdout).toContain("installing Debian packages: prometheus-pushgateway");
    expect(aptLog()).toEqual([
      "update | DEBIAN_FRONTEND=noninteractive | stdin=/dev/null",
      "install -y prometheus-pushgateway | DEBIAN_FRONTEND=noninteractive | stdin=/dev/null",
    ]);
  });

  it("as root: fails if apt-get installed the packages but the programs are still missing", () => {
    aptGet(false);
    const r = run("1");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("still missing after apt-get install: prometheus prometheus-pushgateway");
    expect(aptLog()).toHaveLength(2);
  });
});
