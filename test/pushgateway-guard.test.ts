// The /pushgateway proxy's gate (pushgateway-guard.ts): same origin only, push API only.
import { describe, expect, it } from "vitest";
import { groupPath } from "../src/store/pushgateway";
import { isProxied, pushgatewayGate, type GateRequest } from "../pushgateway-guard";

const HOST = "127.0.0.1:4173";
const ORIGIN = `http://${HOST}`;
const GROUP = "/pushgateway/metrics/job/metrics_playground/instance/browser";

const gate = (over: Partial<GateRequest>) =>
  pushgatewayGate({ method: "PUT", url: GROUP, scheme: "http", host: HOST, origin: ORIGIN, ...over });
const status = (over: Partial<GateRequest>) => {
  const d = gate(over);
  return d.allow ? "allow" : d.status;
};

describe("same origin", () => {
  it("allows the page's own PUT: right Origin, with or without Sec-Fetch-Site: same-origin", () => {
    expect(gate({})).toEqual({ allow: true });
    expect(gate({ secFetchSite: "same-origin" })).toEqual({ allow: true });
    expect(gate({ origin: undefined, secFetchSite: "same-origin" })).toEqual({ allow: true });
  });

  it("refuses another origin, another port, another scheme, and the opaque origin", () => {
    for (const origin of ["http://evil.example", "http://127.0.0.1:4174", "https://127.0.0.1:4173", "http://localhost:4173", "null", ""])
      expect(status({ origin }), origin).toBe(403);
    expect(status({ scheme: "https" })).toBe(403);
    expect(status({ scheme: "https", origin: `https://${HOST}` })).toBe("allow");
  });

  it("refuses Sec-Fetch-Site other than same-origin, even with the right Origin", () => {
    for (const secFetchSite of ["same-site", "cross-site", "none"]) expect(status({ secFetchSite }), secFetchSite).toBe(403);
  });

  it("refuses a request with neither Origin nor Sec-Fetch-Site, and one without Host", () => {
    expect(status({ origin: undefined })).toBe(403);
    expect(status({ host: undefined })).toBe(403);
  });

  it("says why in one line, naming the rule; the origin check comes before the path and method", () => {
    const d = gate({ origin: "http://evil.example", method: "GET", url: "/pushgateway/api/v1/status" });
    expect(d).toEqual({
      allow: false,
      status: 403,
      headers: {},
      reason: 'cross-origin request refused: the /pushgateway proxy only serves this page (Origin "http://evil.example" is not "http://127.0.0.1:4173")',
    });
    expect(gate({ origin: undefined })).toMatchObject({ reason: expect.stringMatching(/^cross-origin request refused: .*\(no Origin or Sec-Fetch-Site header\)$/) });
  });
});

describe("push API only", () => {
  it("allows PUT, POST and DELETE on a group path", () => {
    for (const method of ["PUT", "POST", "DELETE"]) expect(status({ method }), method).toBe("allow");
  });

  it("refuses other methods with 405 and Allow", () => {
    for (const method of ["GET", "HEAD", "PATCH", "OPTIONS", "CONNECT", "TRACE", "put"]) {
      const d = gate({ method });
      expect(d, method).toEqual({
        allow: false,
        status: 405,
        headers: { allow: "PUT, POST, DELETE" },
        reason: `method ${method} refused: the /pushgateway proxy only forwards PUT, POST, DELETE (Pushgateway push API)`,
      });
    }
  });

  it("allows every path shape of the push API", () => {
    for (const url of [
      "/pushgateway/metrics/job/some_job",
      "/pushgateway/metrics/job/some_job/instance/some_instance",
      "/pushgateway/metrics/job/directory_cleaner/path@base64/L3Zhci90bXA",
      "/pushgateway/metrics/job/example/first_label@base64/=/second_label/foobar",
      "/pushgateway/metrics/job/titan/name/%CE%A0%CF%81%CE%BF%CE%BC%CE%B7%CE%B8%CE%B5%CF%8D%CF%82",
      "/pushgateway/metrics/job/titan/name@base64/zqDPgc6_zrzOt864zrXPjc-C",
      "/pushgateway/metrics/job@base64/YS9i/instance@base64/YS8=",
      "/pushgateway/metrics/job/j/_a/1/b2/x/c@base64/-_",
    ])
      expect(status({ url }), url).toBe("allow");
  });

  it("allows every path the page's groupPath produces", () => {
    for (const [job, instance] of [
      ["metrics_playground", "browser"],
      ["a/b", ""],
      ["héllo wörld", "host:9090"],
      ["x?y#z", "100%"],
      ["../etc", "a/../b"],
      ["a\\b", "..."],
    ])
      expect(status({ url: "/pushgateway" + groupPath(job!, instance!) }), `${job} ${instance}`).toBe("allow");
  });

  it("refuses a plain . or .. segment (a browser resolves it away); groupPath encodes such values", () => {
    expect(status({ url: "/pushgateway/metrics/job/../instance/x" })).toBe(404);
    expect(status({ url: "/pushgateway/metrics/job/j/instance/." })).toBe(404);
    for (const [job, instance] of [["..", "x"], ["j", "."]]) {
      const url = "/pushgateway" + groupPath(job!, instance!);
      expect(new URL(url, "http://h").pathname).toBe(url); // nothing for the browser to resolve
      expect(status({ url })).toBe("allow");
    }
  });

  it("refuses everything else under /pushgateway with 404", () => {
    for (const url of [
      "/pushgateway",
      "/pushgateway/",
      "/pushgatewayx",
      "/pushgatewayx/metrics/job/x",
      "/pushgateway/metrics",
      "/pushgateway/metrics/",
      "/pushgateway/metrics/job",
      "/pushgateway/metrics/job/",
      "/pushgateway/metrics/job/x/",
      "/pushgateway/metrics/job/x/instance",
      "/pushgateway/metrics/job/x/instance/",
      "/pushgateway/metrics/job/x//instance/y",
      "/pushgateway/metrics/jobs/x",
      "/pushgateway/metrics/job@base32/x",
      "/pushgateway/metrics/job@base64/L3Zhci90bXA/",
      "/pushgateway/metrics/job@base64/not+base64",
      "/pushgateway/metrics/job@base64/a=b",
      "/pushgateway/metrics/job/x/0label/y",
      "/pushgateway/metrics/job/x/la-bel/y",
      "/pushgateway/metrics/job/x/label@base64@base64/y",
      "/pushgateway/metrics/job/x/instance/y?z=1",
      "/pushgateway/metrics/job/x?",
      "/pushgateway/metrics/job/x#y",
      "/pushgateway/metrics/job/..",
      "/pushgateway/metrics/job/.",
      "/pushgateway/metrics/job/%2e%2E",
      "/pushgateway/metrics/job/x/../../api/v1/admin/wipe",
      "/pushgateway/metrics/job/x/a/%2F..%2Fapi",
      "/pushgateway/metrics/job/x/a/%E0%A4%A",
      "/pushgateway/api/v1/status",
      "/pushgateway/api/v1/metrics",
      "/pushgateway/api/v1/admin/wipe",
      "/pushgateway/-/quit",
      "/pushgateway/-/ready",
      "/pushgateway/static/index.js",
      "/pushgateway/../index.html",
    ]) {
      const d = gate({ url });
      expect(d, url).toEqual({
        allow: false,
        status: 404,
        headers: {},
        reason: "not a push API path: the /pushgateway proxy only forwards /pushgateway/metrics/job/<job>{/<label>/<value>} (Pushgateway push API)",
      });
    }
  });

  it("judges exactly what Vite's proxy would forward", () => {
    expect(isProxied("/pushgateway/metrics/job/x")).toBe(true);
    expect(isProxied("/pushgatewayx")).toBe(true);
    expect(isProxied("/index.html")).toBe(false);
    expect(isProxied("/assets/pushgateway.js")).toBe(false);
  });
});
