// The /remote-write proxy's gate and target (remote-write-guard.ts): same origin only, remote write
// 1.0 POSTs to one path, where samples go from GET /remote-write/target, credentials from the
// environment only.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_REMOTE_WRITE_URL,
  REMOTE_WRITE_PREFIX,
  dropPageCredentials,
  isRemoteWrite,
  remoteWriteGate,
  remoteWriteMiddleware,
  remoteWriteTarget,
  type RemoteWriteTargetInfo,
} from "../remote-write-guard";
import type { GateRequest } from "../pushgateway-guard";

const HOST = "127.0.0.1:4173";
const ORIGIN = `http://${HOST}`;
const TARGET: RemoteWriteTargetInfo = { displayUrl: "http://mimir:9009/api/v1/push", auth: "basic", tenant: "team-a" };
const WRITE: Partial<GateRequest> = {
  method: "POST",
  url: "/remote-write",
  contentType: "application/x-protobuf",
  contentEncoding: "snappy",
};

const gate = (over: Partial<GateRequest>) =>
  remoteWriteGate({ method: "POST", url: "/remote-write", scheme: "http", host: HOST, origin: ORIGIN, ...WRITE, ...over }, TARGET);
const status = (over: Partial<GateRequest>) => {
  const d = gate(over);
  return d.allow ? "allow" : d.status;
};

const NOT_FOUND = {
  allow: false,
  status: 404,
  headers: {},
  reason: "not a remote-write path: the /remote-write proxy only serves POST /remote-write and GET /remote-write/target",
};

describe("same origin", () => {
  it("allows the page's own POST: right Origin, with or without Sec-Fetch-Site: same-origin", () => {
    expect(gate({})).toEqual({ allow: true });
    expect(gate({ secFetchSite: "same-origin" })).toEqual({ allow: true });
    expect(gate({ origin: undefined, secFetchSite: "same-origin" })).toEqual({ allow: true });
  });

  it("refuses another origin, port or scheme, the opaque origin, and Sec-Fetch-Site other than same-origin", () => {
    for (const origin of ["http://evil.example", "http://127.0.0.1:4174", "https://127.0.0.1:4173", "http://localhost:4173", "null", ""])
      expect(status({ origin }), origin).toBe(403);
    for (const secFetchSite of ["same-site", "cross-site", "none"]) expect(status({ secFetchSite }), secFetchSite).toBe(403);
    expect(status({ scheme: "https" })).toBe(403);
    expect(status({ scheme: "https", origin: `https://${HOST}` })).toBe("allow");
  });

  it("refuses a request with neither Origin nor Sec-Fetch-Site, and one without Host", () => {
    expect(status({ origin: undefined })).toBe(403);
    expect(status({ host: undefined })).toBe(403);
  });

  it("judges the origin first, on every path: the target endpoint too", () => {
    expect(gate({ origin: "http://evil.example", method: "GET", url: "/remote-write/target" })).toEqual({
      allow: false,
      status: 403,
      headers: {},
      reason: 'cross-origin request refused: the /remote-write proxy only serves this page (Origin "http://evil.example" is not "http://127.0.0.1:4173")',
    });
    expect(status({ origin: undefined, secFetchSite: "cross-site", url: "/remote-write/x" })).toBe(403);
  });
});

describe("POST /remote-write", () => {
  it("refuses every other method with 405 and Allow: POST", () => {
    for (const method of ["GET", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS", "post"])
      expect(gate({ method }), method).toEqual({
        allow: false,
        status: 405,
        headers: { allow: "POST" },
        reason: `method ${method} refused: /remote-write only takes POST (Prometheus remote write)`,
      });
  });

  it("takes Content-Type application/x-protobuf, with parameters, and Content-Encoding snappy, in any case", () => {
    for (const contentType of ["application/x-protobuf", "application/x-protobuf; proto=prometheus.WriteRequest", "Application/X-Protobuf ;charset=x"])
      expect(status({ contentType }), contentType).toBe("allow");
    expect(status({ contentEncoding: "Snappy" })).toBe("allow");
  });

  it("refuses any other body with 415, naming what it takes and what it got", () => {
    expect(gate({ contentType: "application/json" })).toEqual({
      allow: false,
      status: 415,
      headers: {},
      reason:
        'unsupported media type: POST /remote-write takes Content-Type application/x-protobuf and Content-Encoding snappy (Prometheus remote write 1.0), not Content-Type "application/json", Content-Encoding "snappy"',
    });
    expect(gate({ contentType: undefined, contentEncoding: undefined })).toMatchObject({
      status: 415,
      reason: expect.stringMatching(/, not Content-Type none, Content-Encoding none$/),
    });
    for (const over of [
      { contentType: "application/x-protobufx" },
      { contentType: "application/protobuf" },
      { contentType: "text/plain" },
      { contentType: "" },
      { contentEncoding: undefined },
      { contentEncoding: "gzip" },
      { contentEncoding: "snappy, gzip" },
      { contentEncoding: "identity" },
      { contentEncoding: "" },
    ])
      expect(status(over), JSON.stringify(over)).toBe(415);
  });

  it("takes the exact path only: a query string, a fragment, a slash or anything after is 404", () => {
    for (const url of [
      "/remote-write?",
      "/remote-write?tenant=other",
      "/remote-write#x",
      "/remote-write/",
      "/remote-writex",
      "/remote-write/api/v1/write",
      "/remote-write/../api/v1/write",
      "/remote-write/target/",
      "/remote-write/target?x",
      "/remote-write/Target",
      "/remote-write//target",
    ])
      expect(gate({ url }), url).toEqual(NOT_FOUND);
    expect(gate({ url: "/remote-write/x", method: "GET" })).toEqual(NOT_FOUND);
  });

  it("judges exactly what Vite's proxy would forward", () => {
    expect(isRemoteWrite("/remote-write")).toBe(true);
    expect(isRemoteWrite("/remote-write/target")).toBe(true);
    expect(isRemoteWrite("/remote-writex")).toBe(true);
    expect(isRemoteWrite("/index.html")).toBe(false);
    expect(isRemoteWrite("/assets/remote-write.js")).toBe(false);
    expect(isRemoteWrite("/pushgateway/metrics/job/x")).toBe(false);
  });
});

describe("GET /remote-write/target", () => {
  it("answers JSON from this server: url, auth, tenant and nothing else", () => {
    const d = gate({ method: "GET", url: "/remote-write/target", contentType: undefined, contentEncoding: undefined });
    expect(d).toEqual({
      allow: false,
      status: 200,
      headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
      body: '{"url":"http://mimir:9009/api/v1/push","auth":"basic","tenant":"team-a"}',
    });
  });

  it("says tenant null when there is none, and never the credentials of a full target", () => {
    const full = remoteWriteTarget({ REMOTE_WRITE_URL: "http://alice:s3cret@receiver:8428/api/v1/write" });
    const d = remoteWriteGate({ method: "GET", url: "/remote-write/target", scheme: "http", host: HOST, secFetchSite: "same-origin" }, full);
    expect(d.allow === false && d.status === 200 && JSON.parse(d.body)).toEqual({ url: "http://receiver:8428/api/v1/write", auth: "basic", tenant: null });
    expect(JSON.stringify(d)).not.toMatch(/alice|s3cret|Basic/);
  });

  it("refuses every other method with 405 and Allow: GET", () => {
    for (const method of ["POST", "HEAD", "PUT", "DELETE"])
      expect(gate({ method, url: "/remote-write/target" }), method).toEqual({
        allow: false,
        status: 405,
        headers: { allow: "GET" },
        reason: `method ${method} refused: /remote-write/target only answers GET (where the proxy sends samples)`,
      });
  });
});

describe("remoteWriteTarget: where and how, from the environment", () => {
  const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

  it("defaults to a local Prometheus with no credentials", () => {
    expect(DEFAULT_REMOTE_WRITE_URL).toBe("http://127.0.0.1:9090/api/v1/write");
    for (const env of [{}, { REMOTE_WRITE_URL: "" }])
      expect(remoteWriteTarget(env)).toEqual({
        target: "http://127.0.0.1:9090",
        path: "/api/v1/write",
        headers: {},
        auth: "none",
        tenant: null,
        displayUrl: "http://127.0.0.1:9090/api/v1/write",
      });
  });

  it("splits the URL into the proxy's target (origin) and the rewritten path with its query string", () => {
    const cases: [string, string, string][] = [
      ["http://mimir:9009/api/v1/push", "http://mimir:9009", "/api/v1/push"],
      ["http://vm:8428/api/v1/write?extra_label=env=dev", "http://vm:8428", "/api/v1/write?extra_label=env=dev"],
      ["https://thanos.example/api/v1/receive#ignored", "https://thanos.example", "/api/v1/receive"],
      ["http://[::1]:19291/api/v1/receive", "http://[::1]:19291", "/api/v1/receive"],
      ["http://receiver", "http://receiver", "/"],
    ];
    for (const [url, target, path] of cases)
      expect(remoteWriteTarget({ REMOTE_WRITE_URL: url }), url).toMatchObject({ target, path, displayUrl: target + path });
  });

  it("refuses a URL that is not absolute http(s)", () => {
    expect(() => remoteWriteTarget({ REMOTE_WRITE_URL: "receiver:9090/api/v1/write" })).toThrow(/REMOTE_WRITE_URL must be http:\/\/ or https:\/\//);
    expect(() => remoteWriteTarget({ REMOTE_WRITE_URL: "/api/v1/write" })).toThrow("remote write configuration: REMOTE_WRITE_URL is not an absolute URL");
    expect(() => remoteWriteTarget({ REMOTE_WRITE_URL: "ftp://receiver/x" })).toThrow(/must be http/);
  });

  it("sends REMOTE_WRITE_BEARER_TOKEN as Authorization: Bearer", () => {
    expect(remoteWriteTarget({ REMOTE_WRITE_BEARER_TOKEN: "eyJhbGciOi.x-y_z~+/==" })).toMatchObject({
      headers: { authorization: "Bearer eyJhbGciOi.x-y_z~+/==" },
      auth: "bearer",
    });
    for (const token of ["two words", "line\nbreak", "é"])
      expect(() => remoteWriteTarget({ REMOTE_WRITE_BEARER_TOKEN: token }), token).toThrow(/REMOTE_WRITE_BEARER_TOKEN contains/);
  });

  it("sends REMOTE_WRITE_USERNAME and REMOTE_WRITE_PASSWORD as Authorization: Basic (UTF-8)", () => {
    expect(remoteWriteTarget({ REMOTE_WRITE_USERNAME: "alice", REMOTE_WRITE_PASSWORD: "pa:ss wörd" })).toMatchObject({
      headers: { authorization: basic("alice", "pa:ss wörd") },
      auth: "basic",
    });
    expect(basic("alice", "pa:ss wörd")).toBe("Basic YWxpY2U6cGE6c3Mgd8O2cmQ=");
    expect(() => remoteWriteTarget({ REMOTE_WRITE_USERNAME: "al:ice", REMOTE_WRITE_PASSWORD: "x" })).toThrow(/contains ":"/);
  });

  it("turns user:password@ in the URL into Basic, and takes it out of the target and the displayed URL", () => {
    const t = remoteWriteTarget({ REMOTE_WRITE_URL: "https://12345:glc%40key%3A1@prometheus.example/api/prom/push" });
    expect(t).toEqual({
      target: "https://prometheus.example",
      path: "/api/prom/push",
      headers: { authorization: basic("12345", "glc@key:1") },
      auth: "basic",
      tenant: null,
      displayUrl: "https://prometheus.example/api/prom/push",
    });
    expect(JSON.stringify([t.target, t.path, t.displayUrl])).not.toMatch(/12345|glc/);
  });

  it("sends REMOTE_WRITE_TENANT as X-Scope-OrgID, with or without credentials", () => {
    expect(remoteWriteTarget({ REMOTE_WRITE_TENANT: "team-a" })).toMatchObject({ headers: { "x-scope-orgid": "team-a" }, auth: "none", tenant: "team-a" });
    expect(remoteWriteTarget({ REMOTE_WRITE_TENANT: "t", REMOTE_WRITE_BEARER_TOKEN: "k" }).headers).toEqual({ authorization: "Bearer k", "x-scope-orgid": "t" });
    expect(() => remoteWriteTarget({ REMOTE_WRITE_TENANT: "a b" })).toThrow(/REMOTE_WRITE_TENANT contains/);
  });

  it("throws on conflicting or half credentials, naming the variables and never their values", () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ REMOTE_WRITE_BEARER_TOKEN: "tok3n", REMOTE_WRITE_USERNAME: "alice", REMOTE_WRITE_PASSWORD: "s3cret" }, /both REMOTE_WRITE_BEARER_TOKEN and basic-auth/],
      [{ REMOTE_WRITE_BEARER_TOKEN: "tok3n", REMOTE_WRITE_URL: "http://alice:s3cret@r/w" }, /both REMOTE_WRITE_BEARER_TOKEN and basic-auth credentials \(REMOTE_WRITE_URL\)/],
      [{ REMOTE_WRITE_USERNAME: "alice" }, /REMOTE_WRITE_USERNAME is set but REMOTE_WRITE_PASSWORD is not/],
      [{ REMOTE_WRITE_USERNAME: "alice", REMOTE_WRITE_PASSWORD: "" }, /REMOTE_WRITE_USERNAME is set but REMOTE_WRITE_PASSWORD is not/],
      [{ REMOTE_WRITE_PASSWORD: "s3cret" }, /REMOTE_WRITE_PASSWORD is set but REMOTE_WRITE_USERNAME is not/],
      [{ REMOTE_WRITE_URL: "http://alice@r/w" }, /REMOTE_WRITE_URL has a user name without a password/],
      [{ REMOTE_WRITE_URL: "http://:s3cret@r/w" }, /REMOTE_WRITE_URL has a user name without a password, or a password without/],
      [{ REMOTE_WRITE_URL: "http://alice:s3cret@r/w", REMOTE_WRITE_USERNAME: "alice", REMOTE_WRITE_PASSWORD: "s3cret" }, /given twice/],
      [{ REMOTE_WRITE_URL: "http://alice:s3%ZZcret@r/w" }, /not valid percent-encoding/],
    ];
    for (const [env, message] of cases) {
      let error: unknown;
      try {
        remoteWriteTarget(env);
      } catch (e) {
        error = e;
      }
      expect(error, JSON.stringify(env)).toBeInstanceOf(Error);
      expect((error as Error).message, JSON.stringify(env)).toMatch(message);
      expect((error as Error).message, JSON.stringify(env)).toMatch(/^remote write configuration: /);
      expect((error as Error).message, JSON.stringify(env)).not.toMatch(/tok3n|alice|s3cret/);
    }
  });

  it("counts an empty variable as unset", () => {
    expect(remoteWriteTarget({ REMOTE_WRITE_BEARER_TOKEN: "", REMOTE_WRITE_USERNAME: "", REMOTE_WRITE_PASSWORD: "", REMOTE_WRITE_TENANT: "" })).toMatchObject({
      headers: {},
      auth: "none",
      tenant: null,
    });
  });
});

describe("dropPageCredentials", () => {
  it("drops the page's Authorization, Cookie and X-Scope-OrgID and keeps the rest", () => {
    const headers: IncomingHttpHeaders = {
      authorization: "Bearer page",
      cookie: "session=1",
      "x-scope-orgid": "other-tenant",
      "content-type": "application/x-protobuf",
      "content-encoding": "snappy",
      "x-prometheus-remote-write-version": "0.1.0",
    };
    dropPageCredentials(headers);
    expect(headers).toEqual({
      "content-type": "application/x-protobuf",
      "content-encoding": "snappy",
      "x-prometheus-remote-write-version": "0.1.0",
    });
  });
});

describe("the middleware, with a fake request and response", () => {
  interface Written {
    status?: number;
    headers?: Record<string, string>;
    body?: string;
    next: boolean;
  }
  const run = (method: string, url: string, headers: IncomingHttpHeaders, encrypted = false): Written => {
    const written: Written = { next: false };
    const req = { method, url, headers, socket: { encrypted } } as unknown as IncomingMessage;
    const res = {
      writeHead(status: number, h: Record<string, string>) {
        written.status = status;
        written.headers = h;
        return this;
      },
      end(body?: string) {
        written.body = body;
        return this;
      },
    } as unknown as ServerResponse;
    remoteWriteMiddleware(TARGET)(req, res, () => void (written.next = true));
    return written;
  };
  const PAGE = { host: HOST, origin: ORIGIN, "sec-fetch-site": "same-origin" };
  const BODY = { "content-type": "application/x-protobuf", "content-encoding": "snappy" };

  it("passes the page's write on to the proxy, and anything outside the prefix untouched", () => {
    expect(run("POST", REMOTE_WRITE_PREFIX, { ...PAGE, ...BODY })).toEqual({ next: true });
    expect(run("GET", "/index.html", {})).toEqual({ next: true });
    expect(run("PUT", "/pushgateway/metrics/job/x", {})).toEqual({ next: true });
  });

  it("reads Content-Type and Content-Encoding from the request: 415 without them", () => {
    const w = run("POST", "/remote-write", PAGE);
    expect(w).toMatchObject({ next: false, status: 415, headers: { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" } });
    expect(w.body).toMatch(/^unsupported media type: .*\n$/);
  });

  it("reads the scheme from the socket and the origin headers: 403 for a cross-origin write", () => {
    expect(run("POST", "/remote-write", { ...PAGE, ...BODY }, true)).toMatchObject({ next: false, status: 403 });
    expect(run("POST", "/remote-write", { ...BODY, host: HOST, origin: "http://evil.example" })).toMatchObject({ next: false, status: 403 });
  });

  it("writes the refusal's own headers (Allow)", () => {
    expect(run("GET", "/remote-write", PAGE)).toEqual({
      next: false,
      status: 405,
      headers: { allow: "POST", "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" },
      body: "method GET refused: /remote-write only takes POST (Prometheus remote write)\n",
    });
  });

  it("answers GET /remote-write/target itself, as JSON (a same-origin GET sends Sec-Fetch-Site, not Origin)", () => {
    expect(run("GET", "/remote-write/target", { host: HOST, "sec-fetch-site": "same-origin" })).toEqual({
      next: false,
      status: 200,
      headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", "x-content-type-options": "nosniff" },
      body: '{"url":"http://mimir:9009/api/v1/push","auth":"basic","tenant":"team-a"}',
    });
  });
});
