// A hostile page cannot use the playground: the built app runs under a strict
// Content-Security-Policy (header and <meta>), the /pushgateway proxy serves only this page and
// only the Pushgateway push API, and the build serves no source maps. (This suite's preview
// server proxies to a port where nothing listens, so a request that gets through the gate is
// answered 502 `x-playground-proxy: unreachable`.)
import { readdirSync, readFileSync } from "node:fs";
import { createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join, relative, resolve } from "node:path";
import { assertNoCspViolations, expect, test, type APIRequestContext, type APIResponse } from "./fixtures";
import { openPlayground } from "./playground";

/** A policy as directive → sources. */
function directives(policy: string): Record<string, string[]> {
  return Object.fromEntries(
    policy
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

test.describe("Content-Security-Policy", () => {
  test("preview sends the CSP, nosniff and no-referrer headers", async ({ request }) => {
    const res = await request.get("/");
    expect(res.status()).toBe(200);
    const headers = res.headers();
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("no-referrer");
    const csp = directives(headers["content-security-policy"] ?? "");
    expect(csp).toEqual({
      "default-src": ["'self'"],
      "script-src": ["'self'"],
      "worker-src": ["'self'"],
      "object-src": ["'none'"],
      "base-uri": ["'self'"],
      "form-action": ["'self'"],
      "frame-ancestors": ["'none'"],
    });
  });

  test("the built HTML carries the same policy as its first <head> element, minus frame-ancestors", async ({ page, request }) => {
    const header = directives((await request.get("/")).headers()["content-security-policy"] ?? "");
    await openPlayground(page);
    const meta = await page.evaluate(() => {
      const first = document.head.firstElementChild;
      return first?.getAttribute("http-equiv") === "Content-Security-Policy" ? first.getAttribute("content") : null;
    });
    const { "frame-ancestors": frameAncestors, ...rest } = header;
    expect(frameAncestors).toEqual(["'none'"]);
    expect(directives(meta ?? "")).toEqual(rest);
  });

  test("an injected inline script is refused, recorded by the fixture, and declared expected", async ({ page, cspViolations }) => {
    await openPlayground(page);
    // Playwright's own evaluate is not subject to the CSP; a <script> element the page gets is.
    await page.addScriptTag({ content: "document.title = 'injected'" }).catch(() => undefined);
    // Refused twice: by the header's policy (the one with frame-ancestors) and by the <meta>'s.
    await expect.poll(async () => (await cspViolations.read()).length).toBe(2);
    const seen = await cspViolations.read();
    expect(seen.map((v) => `${v.directive} ${v.blockedURI} ${v.page}`)).toEqual(Array(2).fill(`script-src-elem inline ${page.url()}`));
    expect(seen.map((v) => v.policy.includes("frame-ancestors")).sort()).toEqual([false, true]);
    await expect(page).toHaveTitle("Metrics Playground");
    // The check the fixture makes after every test would fail this one: the violations are listed.
    expect(() => assertNoCspViolations(seen)).toThrow(/^2 Content-Security-Policy violation\(s\):\n {2}script-src-elem refused inline on http:/);
    await cspViolations.clear();
    expect(await cspViolations.read()).toEqual([]);
  });
});

test.describe("the /pushgateway proxy", () => {
  const GROUP = "/pushgateway/metrics/job/metrics_playground/instance/browser";
  const own = (baseURL: string | undefined) => new URL(baseURL!).origin;
  const refusedFor = async (res: APIResponse, status: number, reason: RegExp) => {
    expect(res.status()).toBe(status);
    expect(res.headers()["content-type"]).toMatch(/^text\/plain/);
    expect(res.headers()["x-playground-proxy"]).toBeUndefined();
    expect(await res.text()).toMatch(reason);
  };
  const reachedProxy = async (res: APIResponse) => {
    expect(res.status()).toBe(502);
    expect(res.headers()["x-playground-proxy"]).toBe("unreachable");
  };
  const put = (request: APIRequestContext, path: string, headers: Record<string, string>) =>
    request.put(path, { headers: { "content-type": "text/plain; version=0.0.4", ...headers }, data: "some_metric 1\n" });

  test("a PUT from another origin is refused with 403", async ({ request }) => {
    await refusedFor(await put(request, GROUP, { origin: "http://evil.example" }), 403, /^cross-origin request refused: the \/pushgateway proxy only serves this page/);
  });

  test("a PUT with neither Origin nor Sec-Fetch-Site, or a cross-site Sec-Fetch-Site, is refused with 403", async ({ request, baseURL }) => {
    await refusedFor(await put(request, GROUP, {}), 403, /cross-origin request refused.*no Origin or Sec-Fetch-Site/);
    await refusedFor(await put(request, GROUP, { origin: own(baseURL), "sec-fetch-site": "cross-site" }), 403, /Sec-Fetch-Site is "cross-site"/);
  });

  test("a same-origin PUT reaches the proxy (502: no gateway listens in this suite)", async ({ request, baseURL }) => {
    await reachedProxy(await put(request, GROUP, { origin: own(baseURL) }));
    await reachedProxy(await put(request, GROUP, { origin: own(baseURL), "sec-fetch-site": "same-origin" }));
    // The base64 forms the page sends for a job with "/" and an empty instance.
    await reachedProxy(await put(request, "/pushgateway/metrics/job@base64/YS9i/instance@base64/=", { origin: own(baseURL) }));
  });

  test("a same-origin DELETE of a group reaches the proxy", async ({ request, baseURL }) => {
    await reachedProxy(await request.delete(GROUP, { headers: { origin: own(baseURL) } }));
  });

  test("the gateway's other APIs are refused, even from this origin", async ({ request, baseURL }) => {
    const headers = { origin: own(baseURL) };
    await refusedFor(await request.get("/pushgateway/api/v1/status", { headers }), 404, /^not a push API path/);
    await refusedFor(await request.put("/pushgateway/api/v1/admin/wipe", { headers }), 404, /^not a push API path/);
    await refusedFor(await request.get("/pushgateway/metrics", { headers }), 404, /^not a push API path/);
    await refusedFor(await request.get("/pushgatewayx", { headers }), 404, /^not a push API path/);
    const get = await request.get(GROUP, { headers });
    await refusedFor(get, 405, /^method GET refused: the \/pushgateway proxy only forwards PUT, POST, DELETE/);
    expect(get.headers()["allow"]).toBe("PUT, POST, DELETE");
    // Without an Origin, even the status page is a cross-origin request.
    await refusedFor(await request.get("/pushgateway/api/v1/status"), 403, /cross-origin request refused/);
  });

  test("a dot-dot path is judged as sent, before anything normalises it", async ({ baseURL }) => {
    // Node's http client sends the path byte for byte (fetch and Playwright would resolve "..").
    const url = new URL(baseURL!);
    const status = await new Promise<number>((done, fail) => {
      const req = httpRequest(
        { host: url.hostname, port: url.port, method: "PUT", path: `${GROUP}/../../../../api/v1/admin/wipe`, headers: { origin: url.origin } },
        (res) => {
          res.resume();
          done(res.statusCode ?? 0);
        },
      );
      req.on("error", fail);
      req.end();
    });
    expect(status).toBe(404);
  });

  test("a hostile page on another origin cannot push through the proxy", async ({ page, baseURL }) => {
    // A page on another port of this machine posts a simple (no preflight) request, as any
    // web page could to a dev server it guesses.
    const target = `${own(baseURL)}/pushgateway/metrics/job/evil`;
    const hostile = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end(
        `<!doctype html><title>hostile</title><script>fetch(${JSON.stringify(target)}, { method: "POST", mode: "no-cors", body: "evil 1\\n" })</script>`,
      );
    });
    await new Promise<void>((done) => hostile.listen(0, "127.0.0.1", done));
    try {
      const hostileOrigin = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}`;
      const pushed = page.waitForResponse((r) => r.url() === target);
      await page.goto(hostileOrigin + "/");
      const response = await pushed;
      // Refused by the gate (the proxy would have answered 502 unreachable).
      expect(response.status()).toBe(403);
    } finally {
      await new Promise((done) => hostile.close(done));
    }
  });
});

test("the build has no source maps: no .map file, no sourceMappingURL, none served", async ({ request }) => {
  const configDir = dirname(test.info().config.configFile!);
  const outDir = resolve(configDir, process.env.E2E_OUT_DIR ?? "dist");
  const files = readdirSync(outDir, { recursive: true, encoding: "utf8" });
  expect(files.filter((f) => f.endsWith(".map"))).toEqual([]);
  const scripts = files.filter((f) => f.endsWith(".js")).map((f) => "/" + relative(outDir, join(outDir, f)).split("\\").join("/"));
  expect(scripts.length).toBeGreaterThan(0);
  // The entry script the page loads is one of them.
  const entry = /<script type="module"[^>]* src="([^"]+)"/.exec(await (await request.get("/")).text())?.[1];
  expect(scripts).toContain(entry);
  for (const script of scripts) {
    expect(readFileSync(join(outDir, script), "utf8"), script).not.toContain("sourceMappingURL");
    const served = await request.get(script);
    expect(served.status(), script).toBe(200);
    expect(await served.text(), script).not.toContain("sourceMappingURL");
    // vite preview answers an unknown path with index.html, so look at what comes back.
    const map = await request.get(script + ".map");
    const body = await map.text();
    expect(map.ok() && body.includes('"mappings"'), `${script}.map is served`).toBe(false);
  }
});
