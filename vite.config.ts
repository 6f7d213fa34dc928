// Vite config: the React app, and two same-origin proxies for both `npm run dev` and
// `npm run preview` (a browser page cannot be scraped, so it pushes or writes):
// - /pushgateway/* goes to a Prometheus Pushgateway at PUSHGATEWAY_URL (default
//   http://127.0.0.1:9091) with the prefix removed. Only same-origin push API requests get that
//   far: see pushgateway-guard.ts, whose middleware runs before the proxy.
// - POST /remote-write goes to a remote-write receiver at REMOTE_WRITE_URL (default
//   http://127.0.0.1:9090/api/v1/write; e.g. Mimir http://host:9009/api/v1/push, VictoriaMetrics
//   http://host:8428/api/v1/write, Thanos Receive http://host:19291/api/v1/receive), rewritten to
//   that URL's path and query string. The credentials and tenant it adds come from the
//   environment only (REMOTE_WRITE_BEARER_TOKEN, or REMOTE_WRITE_USERNAME + REMOTE_WRITE_PASSWORD
//   or user:password@ in the URL; REMOTE_WRITE_TENANT for X-Scope-OrgID), and the page's own
//   Authorization, Cookie and X-Scope-OrgID are dropped; a conflicting set stops the config from
//   loading. Only same-origin remote write 1.0 POSTs get that far, and GET /remote-write/target
//   says where samples go: see remote-write-guard.ts, whose middleware runs before the proxy.
// When a proxy's upstream cannot be reached it answers 502 with the header
// `x-playground-proxy: unreachable` and a plain-text reason, so the page can tell that apart
// from the upstream's own errors.
// Security of the built app: one Content-Security-Policy (CSP below), sent as a header by the
// preview server and put into the built index.html as a <meta> (without frame-ancestors, which
// browsers ignore there); `npm run dev` gets no CSP, because React refresh needs inline scripts.
// Both servers send nosniff and no-referrer. Builds have no source maps unless asked
// (`npm run build -- --sourcemap`).
import { defineConfig, type Plugin, type ProxyOptions } from "vite";
import react from "@vitejs/plugin-react";
import type { ServerResponse } from "node:http";
import { PUSHGATEWAY_PREFIX, pushgatewayGuard } from "./pushgateway-guard";
import { REMOTE_WRITE_PREFIX, dropPageCredentials, remoteWriteGuard, remoteWriteTarget } from "./remote-write-guard";

export { PUSHGATEWAY_PREFIX, REMOTE_WRITE_PREFIX };
const target = process.env.PUSHGATEWAY_URL ?? "http://127.0.0.1:9091";
const remoteWrite = remoteWriteTarget(process.env);

/** A proxy's `configure`: when `upstream` (e.g. "Pushgateway at http://…") cannot be reached, 502 with a reason. */
const answerUnreachable =
  (upstream: string): ProxyOptions["configure"] =>
  (proxy) => {
    proxy.on("error", (err, _req, res) => {
      const response = res as ServerResponse | undefined;
      if (!response || typeof response.writeHead !== "function" || response.headersSent) return;
      const code = (err as NodeJS.ErrnoException).code ?? err.message;
      response.writeHead(502, { "content-type": "text/plain; charset=utf-8", "x-playground-proxy": "unreachable" });
      response.end(`${upstream} is unreachable (${code})`);
    });
  };

const proxies: Record<string, ProxyOptions> = {
  [PUSHGATEWAY_PREFIX]: {
    target,
    changeOrigin: true,
    rewrite: (path) => path.slice(PUSHGATEWAY_PREFIX.length) || "/",
    configure: answerUnreachable(`Pushgateway at ${target}`),
  },
  // The gate lets only `POST /remote-write` through, so every forwarded request goes to the one path.
  [REMOTE_WRITE_PREFIX]: {
    target: remoteWrite.target,
    changeOrigin: true,
    rewrite: () => remoteWrite.path,
    // Runs before the request is forwarded (and continues it): http-proxy copies the page's
    // headers, then sets `headers` over them.
    bypass: (req) => void dropPageCredentials(req.headers),
    headers: remoteWrite.headers,
    configure: answerUnreachable(`Remote-write receiver at ${remoteWrite.displayUrl}`),
  },
};

// Everything from this origin only: no inline or injected script, no plugins, no <base> or
// form posts elsewhere; the lint view's module Web Worker is a file from this origin. React
// sets styles through the CSSOM and Recharts draws SVG, so styles need no 'unsafe-inline'.
const CSP: Record<string, string> = {
  "default-src": "'self'",
  "script-src": "'self'",
  "worker-src": "'self'",
  "object-src": "'none'",
  "base-uri": "'self'",
  "form-action": "'self'",
  "frame-ancestors": "'none'",
};
const META_IGNORED = new Set(["frame-ancestors"]);
const policy = (keep: (directive: string) => boolean) =>
  Object.entries(CSP)
    .filter(([directive]) => keep(directive))
    .map(([directive, sources]) => `${directive} ${sources}`)
    .join("; ");
export const CONTENT_SECURITY_POLICY = policy(() => true);
export const CONTENT_SECURITY_POLICY_META = policy((directive) => !META_IGNORED.has(directive));

const SECURITY_HEADERS = { "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer" };

/** The CSP as the first element of the built index.html's <head>, before any script or style. */
const cspMeta: Plugin = {
  name: "playground:csp-meta",
  apply: "build",
  transformIndexHtml: () => [
    { tag: "meta", attrs: { "http-equiv": "Content-Security-Policy", content: CONTENT_SECURITY_POLICY_META }, injectTo: "head-prepend" },
  ],
};

export default defineConfig({
  plugins: [react(), cspMeta, pushgatewayGuard(), remoteWriteGuard(remoteWrite)],
  server: { host: "127.0.0.1", port: 5173, proxy: proxies, headers: SECURITY_HEADERS },
  preview: {
    host: "127.0.0.1",
    port: 4173,
    strictPort: true,
    proxy: proxies,
    headers: { ...SECURITY_HEADERS, "Content-Security-Policy": CONTENT_SECURITY_POLICY },
  },
  build: { target: "es2022", sourcemap: false },
});
