// The gate in front of the /pushgateway proxy (vite.config.ts), for both `npm run dev` and
// `npm run preview`: a Vite plugin whose middleware runs before Vite's proxy middleware.
// Rule: a request whose URL starts with /pushgateway (the same test Vite's proxy uses) is
// forwarded only if
// 1. it comes from this page: `Sec-Fetch-Site`, when sent, is `same-origin`; `Origin`, when sent,
//    is the request's own origin (scheme + `Host`); and at least one of the two is sent (every
//    browser request the page makes, a PUT, carries Origin). Otherwise 403: a hostile page must
//    not push to, or delete from, the gateway through someone's dev server.
// 2. it is the Pushgateway's push API and nothing else (https://github.com/prometheus/pushgateway#api):
//    the path is /pushgateway/metrics/job/<job> or /pushgateway/metrics/job@base64/<job>, then
//    zero or more /<label>/<value> or /<label>@base64/<value> pairs, with no query string, no
//    empty, `.` or `..` segment and no encoded `/` (else 404); the method is PUT, POST or DELETE
//    (else 405 with `Allow`). The gateway's query, admin and lifecycle APIs, its web UI and its
//    /metrics stay out of reach.
// A refusal is a plain-text one-line reason naming the rule.
// The pieces any such gate needs (the same-origin check, the decision and request types, the
// refusal, the middleware that reads the request and writes the answer, the plugin) are exported
// from here: remote-write-guard.ts, the gate in front of /remote-write, is built from them.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import type { Plugin } from "vite";

export const PUSHGATEWAY_PREFIX = "/pushgateway";
export const PUSH_METHODS = ["PUT", "POST", "DELETE"] as const;

export type RefusalStatus = 403 | 404 | 405 | 415;

/** Forward the request; refuse it with a one-line reason; or answer it here (status 200, `body`). */
export type GateDecision =
  | { allow: true }
  | { allow: false; status: RefusalStatus; reason: string; headers: Record<string, string> }
  | { allow: false; status: 200; body: string; headers: Record<string, string> };

/** What a gate looks at: the request line and five headers. */
export interface GateRequest {
  method: string;
  /** The request target as received, e.g. `/pushgateway/metrics/job/x?y`. */
  url: string;
  /** `http` or `https`: the scheme this server was reached with. */
  scheme: string;
  host?: string | undefined;
  origin?: string | undefined;
  secFetchSite?: string | undefined;
  contentType?: string | undefined;
  contentEncoding?: string | undefined;
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
// RFC 4648 §5 alphabet, optional padding; a lone "=" is the empty value.
const BASE64URL = /^[A-Za-z0-9_-]*={0,2}$/;
const PUSH_SHAPE = `${PUSHGATEWAY_PREFIX}/metrics/job/<job>{/<label>/<value>}`;

/** True when Vite's proxy would forward this URL, so the gate must judge it. */
export function isProxied(url: string): boolean {
  return url.startsWith(PUSHGATEWAY_PREFIX);
}

export function refuse(status: RefusalStatus, reason: string, headers: Record<string, string> = {}): GateDecision {
  return { allow: false, status, reason, headers };
}

/** Why `origin`/`secFetchSite` do not show a request from this page, or null when they do. */
export function crossOriginProblem(req: GateRequest): string | null {
  const own = req.host ? `${req.scheme}://${req.host}` : undefined;
  if (req.secFetchSite === undefined && req.origin === undefined) return "no Origin or Sec-Fetch-Site header";
  if (req.secFetchSite !== undefined && req.secFetchSite !== "same-origin") return `Sec-Fetch-Site is ${JSON.stringify(req.secFetchSite)}`;
  if (req.origin !== undefined && req.origin !== own) return `Origin ${JSON.stringify(req.origin)} is not ${JSON.stringify(own ?? "(no Host)")}`;
  return null;
}

/** One path segment that carries a value: a plain one is percent-decoded, a base64 one checked. */
function valueProblem(segment: string | undefined, base64: boolean): boolean {
  if (segment === undefined || segment === "") return true;
  if (base64) return !BASE64URL.test(segment);
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    return true;
  }
  return decoded === "." || decoded === ".." || decoded.includes("/");
}

function isPushPath(url: string): boolean {
  if (!url.startsWith(PUSHGATEWAY_PREFIX + "/") || url.includes("?") || url.includes("#")) return false;
  const segments = url.slice(PUSHGATEWAY_PREFIX.length + 1).split("/");
  if (segments.shift() !== "metrics") return false;
  const job = segments.shift();
  if ((job !== "job" && job !== "job@base64") || valueProblem(segments.shift(), job === "job@base64")) return false;
  if (segments.length % 2 !== 0) return false;
  for (let i = 0; i < segments.length; i += 2) {
    const name = segments[i]!;
    const base64 = name.endsWith("@base64");
    if (!LABEL_NAME.test(base64 ? name.slice(0, -"@base64".length) : name)) return false;
    if (valueProblem(segments[i + 1], base64)) return false;
  }
  return true;
}

/** The gate's decision for a request to a URL under /pushgateway (see the rule above). */
export function pushgatewayGate(req: GateRequest): GateDecision {
  const crossOrigin = crossOriginProblem(req);
  if (crossOrigin)
    return refuse(403, `cross-origin request refused: the ${PUSHGATEWAY_PREFIX} proxy only serves this page (${crossOrigin})`);
  if (!isPushPath(req.url))
    return refuse(404, `not a push API path: the ${PUSHGATEWAY_PREFIX} proxy only forwards ${PUSH_SHAPE} (Pushgateway push API)`);
  if (!(PUSH_METHODS as readonly string[]).includes(req.method))
    return refuse(405, `method ${req.method} refused: the ${PUSHGATEWAY_PREFIX} proxy only forwards ${PUSH_METHODS.join(", ")} (Pushgateway push API)`, {
      allow: PUSH_METHODS.join(", "),
    });
  return { allow: true };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

/** What a gate looks at, read from a Node request. */
export function readGateRequest(req: IncomingMessage): GateRequest {
  return {
    method: req.method ?? "",
    url: req.url ?? "",
    scheme: (req.socket as TLSSocket | undefined)?.encrypted ? "https" : "http",
    host: header(req, "host"),
    origin: header(req, "origin"),
    secFetchSite: header(req, "sec-fetch-site"),
    contentType: header(req, "content-type"),
    contentEncoding: header(req, "content-encoding"),
  };
}

export type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * A gate as connect middleware: a request whose URL `judged` accepts gets `gate`'s decision (passed
 * on to the proxy, refused in plain text, or answered here); every other request is passed on.
 */
export function gateMiddleware(judged: (url: string) => boolean, gate: (req: GateRequest) => GateDecision): Middleware {
  return (req, res, next) => {
    if (!judged(req.url ?? "")) return next();
    const decision = gate(readGateRequest(req));
    if (decision.allow) return next();
    if (decision.status === 200) {
      res.writeHead(200, { ...decision.headers, "x-content-type-options": "nosniff" });
      res.end(decision.body);
      return;
    }
    res.writeHead(decision.status, {
      ...decision.headers,
      "content-type": "text/plain; charset=utf-8",
      "x-content-type-options": "nosniff",
    });
    res.end(decision.reason + "\n");
  };
}

/** A gate as a plugin: its middleware goes in before Vite's proxy, in dev and in preview. */
export function gatePlugin(name: string, middleware: Middleware): Plugin {
  return {
    name,
    configureServer: (server) => void server.middlewares.use(middleware),
    configurePreviewServer: (server) => void server.middlewares.use(middleware),
  };
}

/** The /pushgateway gate as a plugin (see gatePlugin). */
export function pushgatewayGuard(): Plugin {
  return gatePlugin("playground:pushgateway-guard", gateMiddleware(isProxied, pushgatewayGate));
}
