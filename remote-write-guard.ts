// The gate in front of the /remote-write proxy (vite.config.ts), for both `npm run dev` and
// `npm run preview`: a Vite plugin whose middleware runs before Vite's proxy middleware, built
// from pushgateway-guard.ts's shared pieces. Also here: where the proxy sends samples, and with
// which credentials, computed from the environment (remoteWriteTarget).
// Rule: a request whose URL starts with /remote-write (the same test Vite's proxy uses) is judged:
// 1. it must come from this page, exactly as for /pushgateway (pushgateway-guard.ts rule 1): else
//    403. A hostile page must not write samples, with the configured credentials, through
//    someone's dev server.
// 2. `/remote-write` (exactly: no query string, no fragment, nothing after) is the write. Only
//    POST (else 405 with `Allow: POST`), and only as remote write 1.0 sends it
//    (https://prometheus.io/docs/specs/prw/remote_write_spec/): `Content-Type:
//    application/x-protobuf` (parameters allowed) and `Content-Encoding: snappy`, else 415. It is
//    forwarded to REMOTE_WRITE_URL.
// 3. `/remote-write/target` (exactly) answers, from this server and never from the receiver, only
//    GET (else 405 with `Allow: GET`): JSON `{ url, auth, tenant }`, the receiver's URL without
//    user name or password, "none" | "basic" | "bearer", and REMOTE_WRITE_TENANT or null.
// 4. Any other path under the prefix: 404.
// A refusal is a plain-text one-line reason naming the rule.
// Credentials come from the environment only, never from the page (an empty variable counts as
// unset): REMOTE_WRITE_BEARER_TOKEN gives `Authorization: Bearer …`; REMOTE_WRITE_USERNAME and
// REMOTE_WRITE_PASSWORD, or user:password@ in REMOTE_WRITE_URL, give `Authorization: Basic …`;
// REMOTE_WRITE_TENANT gives `X-Scope-OrgID` (Mimir, Cortex). Two kinds or two sources of
// credentials, or half a user name/password pair, are a configuration error. The page's own
// Authorization, Cookie and X-Scope-OrgID headers never reach the receiver.
import type { IncomingHttpHeaders } from "node:http";
import type { Plugin } from "vite";
import { crossOriginProblem, gateMiddleware, gatePlugin, refuse, type GateDecision, type GateRequest } from "./pushgateway-guard";

export const REMOTE_WRITE_PREFIX = "/remote-write";
export const REMOTE_WRITE_TARGET_PATH = `${REMOTE_WRITE_PREFIX}/target`;
export const DEFAULT_REMOTE_WRITE_URL = "http://127.0.0.1:9090/api/v1/write";
export const REMOTE_WRITE_CONTENT_TYPE = "application/x-protobuf";
export const REMOTE_WRITE_CONTENT_ENCODING = "snappy";
/** Headers of the page's request that are dropped before it is forwarded. */
export const PAGE_CREDENTIAL_HEADERS = ["authorization", "cookie", "x-scope-orgid"] as const;

export type RemoteWriteAuth = "none" | "basic" | "bearer";

/** Where the proxy sends samples, and how. */
export interface RemoteWriteTarget {
  /** The receiver's origin, e.g. `http://127.0.0.1:9090`: the proxy's target. */
  target: string;
  /** The receiver's path and query string, e.g. `/api/v1/write`: what /remote-write is rewritten to. */
  path: string;
  /** Headers the proxy adds (lowercase names): `authorization`, `x-scope-orgid`. */
  headers: Record<string, string>;
  auth: RemoteWriteAuth;
  tenant: string | null;
  /** The receiver's URL with no user name, password or fragment: safe to show and to log. */
  displayUrl: string;
}

/** What GET /remote-write/target says. */
export type RemoteWriteTargetInfo = Pick<RemoteWriteTarget, "displayUrl" | "auth" | "tenant">;

type Env = Readonly<Record<string, string | undefined>>;

/** A header value with no space or control character (a token or a tenant ID). */
const HEADER_WORD = /^[\x21-\x7e]+$/;
const CONTROL = /\p{Cc}/u;

function configError(message: string): Error {
  return new Error(`remote write configuration: ${message}`);
}

/** The variable's value; an empty one counts as unset. */
function variable(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === "" ? undefined : value;
}

function decodeUserinfo(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw configError("the user name or password in REMOTE_WRITE_URL is not valid percent-encoding");
  }
}

function basic(username: string, password: string, source: string): string {
  if (username.includes(":")) throw configError(`the user name in ${source} contains ":", which basic auth cannot carry`);
  if (CONTROL.test(username) || CONTROL.test(password)) throw configError(`the user name or password in ${source} contains a control character`);
  return `Basic ${Buffer.from(`${username}:${password}`, "utf8").toString("base64")}`;
}

/**
 * The proxy's target and added headers from the environment (see the rules above), or an Error
 * whose message names the variables at fault and never their values.
 */
export function remoteWriteTarget(env: Env): RemoteWriteTarget {
  let url: URL;
  try {
    url = new URL(variable(env, "REMOTE_WRITE_URL") ?? DEFAULT_REMOTE_WRITE_URL);
  } catch {
    throw configError("REMOTE_WRITE_URL is not an absolute URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw configError(`REMOTE_WRITE_URL must be http:// or https://, not ${url.protocol}//`);

  const urlUser = url.username === "" ? undefined : decodeUserinfo(url.username);
  const urlPassword = url.password === "" ? undefined : decodeUserinfo(url.password);
  const envUser = variable(env, "REMOTE_WRITE_USERNAME");
  const envPassword = variable(env, "REMOTE_WRITE_PASSWORD");
  const token = variable(env, "REMOTE_WRITE_BEARER_TOKEN");
  const tenant = variable(env, "REMOTE_WRITE_TENANT") ?? null;

  if ((urlUser === undefined) !== (urlPassword === undefined))
    throw configError("REMOTE_WRITE_URL has a user name without a password, or a password without a user name: basic auth needs both");
  if ((envUser === undefined) !== (envPassword === undefined))
    throw configError(
      envUser === undefined
        ? "REMOTE_WRITE_PASSWORD is set but REMOTE_WRITE_USERNAME is not: basic auth needs both"
        : "REMOTE_WRITE_USERNAME is set but REMOTE_WRITE_PASSWORD is not: basic auth needs both",
    );
  if (urlUser !== undefined && envUser !== undefined)
    throw configError("basic-auth credentials are given twice, in REMOTE_WRITE_URL and in REMOTE_WRITE_USERNAME/REMOTE_WRITE_PASSWORD: keep one");
  const basicFrom = urlUser !== undefined ? "REMOTE_WRITE_URL" : envUser !== undefined ? "REMOTE_WRITE_USERNAME/REMOTE_WRITE_PASSWORD" : undefined;
  if (token !== undefined && basicFrom !== undefined)
    throw configError(`both REMOTE_WRITE_BEARER_TOKEN and basic-auth credentials (${basicFrom}) are set: a request carries one Authorization, keep one`);

  const headers: Record<string, string> = {};
  let auth: RemoteWriteAuth = "none";
  if (token !== undefined) {
    if (!HEADER_WORD.test(token)) throw configError("REMOTE_WRITE_BEARER_TOKEN contains a space, a control character or a non-ASCII character");
    headers.authorization = `Bearer ${token}`;
    auth = "bearer";
  } else if (urlUser !== undefined && urlPassword !== undefined) {
    headers.authorization = basic(urlUser, urlPassword, "REMOTE_WRITE_URL");
    auth = "basic";
  } else if (envUser !== undefined && envPassword !== undefined) {
    headers.authorization = basic(envUser, envPassword, "REMOTE_WRITE_USERNAME/REMOTE_WRITE_PASSWORD");
    auth = "basic";
  }
  if (tenant !== null) {
    if (!HEADER_WORD.test(tenant)) throw configError("REMOTE_WRITE_TENANT contains a space, a control character or a non-ASCII character");
    headers["x-scope-orgid"] = tenant;
  }

  const path = `${url.pathname}${url.search}`;
  return { target: url.origin, path, headers, auth, tenant, displayUrl: `${url.origin}${path}` };
}

/** Drop the page's own credentials (PAGE_CREDENTIAL_HEADERS) from a request about to be forwarded. */
export function dropPageCredentials(headers: IncomingHttpHeaders): void {
  for (const name of PAGE_CREDENTIAL_HEADERS) delete headers[name];
}

/** True when Vite's proxy would forward this URL, so the gate must judge it. */
export function isRemoteWrite(url: string): boolean {
  return url.startsWith(REMOTE_WRITE_PREFIX);
}

const shown = (value: string | undefined) => (value === undefined ? "none" : JSON.stringify(value));

/** Why this is not a remote write 1.0 body's Content-Type and Content-Encoding, or null when it is. */
function mediaProblem(req: GateRequest): string | null {
  const mediaType = req.contentType?.split(";")[0]?.trim().toLowerCase();
  const encoding = req.contentEncoding?.trim().toLowerCase();
  if (mediaType === REMOTE_WRITE_CONTENT_TYPE && encoding === REMOTE_WRITE_CONTENT_ENCODING) return null;
  return `Content-Type ${shown(req.contentType)}, Content-Encoding ${shown(req.contentEncoding)}`;
}

/** The gate's decision for a request to a URL under /remote-write (see the rule above). */
export function remoteWriteGate(req: GateRequest, target: RemoteWriteTargetInfo): GateDecision {
  const crossOrigin = crossOriginProblem(req);
  if (crossOrigin) return refuse(403, `cross-origin request refused: the ${REMOTE_WRITE_PREFIX} proxy only serves this page (${crossOrigin})`);
  if (req.url === REMOTE_WRITE_PREFIX) {
    if (req.method !== "POST")
      return refuse(405, `method ${req.method} refused: ${REMOTE_WRITE_PREFIX} only takes POST (Prometheus remote write)`, { allow: "POST" });
    const media = mediaProblem(req);
    if (media)
      return refuse(
        415,
        `unsupported media type: POST ${REMOTE_WRITE_PREFIX} takes Content-Type ${REMOTE_WRITE_CONTENT_TYPE} and Content-Encoding ${REMOTE_WRITE_CONTENT_ENCODING} (Prometheus remote write 1.0), not ${media}`,
      );
    return { allow: true };
  }
  if (req.url === REMOTE_WRITE_TARGET_PATH) {
    if (req.method !== "GET")
      return refuse(405, `method ${req.method} refused: ${REMOTE_WRITE_TARGET_PATH} only answers GET (where the proxy sends samples)`, { allow: "GET" });
    const body = { url: target.displayUrl, auth: target.auth, tenant: target.tenant };
    return {
      allow: false,
      status: 200,
      body: JSON.stringify(body),
      headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
    };
  }
  return refuse(
    404,
    `not a remote-write path: the ${REMOTE_WRITE_PREFIX} proxy only serves POST ${REMOTE_WRITE_PREFIX} and GET ${REMOTE_WRITE_TARGET_PATH}`,
  );
}

/** The /remote-write gate as connect middleware, telling GET /remote-write/target about `target`. */
export function remoteWriteMiddleware(target: RemoteWriteTargetInfo) {
  return gateMiddleware(isRemoteWrite, (req) => remoteWriteGate(req, target));
}

/** The /remote-write gate as a plugin (see pushgateway-guard.ts gatePlugin). */
export function remoteWriteGuard(target: RemoteWriteTargetInfo): Plugin {
  return gatePlugin("playground:remote-write-guard", remoteWriteMiddleware(target));
}
