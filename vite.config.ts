// Vite config: the React app, and a same-origin proxy to a Prometheus Pushgateway for both
// `npm run dev` and `npm run preview` (a browser page cannot be scraped, so it pushes).
// Rule: /pushgateway/* goes to PUSHGATEWAY_URL (default http://127.0.0.1:9091) with the prefix
// removed; when the gateway cannot be reached the proxy answers 502 with the header
// `x-playground-proxy: unreachable` and a plain-text reason, so the page can tell that apart
// from the gateway's own errors. Only same-origin push API requests get that far: see
// pushgateway-guard.ts, whose middleware runs before the proxy.
// Security of the built app: one Content-Security-Policy (CSP below), sent as a header by the
// preview server and put into the built index.html as a <meta> (without frame-ancestors, which
// browsers ignore there); `npm run dev` gets no CSP, because React refresh needs inline scripts.
// Both servers send nosniff and no-referrer. Builds have no source maps unless asked
// (`npm run build -- --sourcemap`).
import { defineConfig, type Plugin, type ProxyOptions } from "vite";
import react from "@vitejs/plugin-react";
import type { ServerResponse } from "node:http";
import { PUSHGATEWAY_PREFIX, pushgatewayGuard } from "./pushgateway-guard";

export { PUSHGATEWAY_PREFIX };
const target = process.env.PUSHGATEWAY_URL ?? "http://127.0.0.1:9091";

const pushgatewayProxy: Record<string, ProxyOptions> = {
  [PUSHGATEWAY_PREFIX]: {
    target,
    changeOrigin: true,
    rewrite: (path) => path.slice(PUSHGATEWAY_PREFIX.length) || "/",
    configure: (proxy) => {
      proxy.on("error", (err, _req, res) => {
        const response = res as ServerResponse | undefined;
        if (!response || typeof response.writeHead !== "function" || response.headersSent) return;
        const code = (err as NodeJS.ErrnoException).code ?? err.message;
        response.writeHead(502, { "content-type": "text/plain; charset=utf-8", "x-playground-proxy": "unreachable" });
        response.end(`Pushgateway at ${target} is unreachable (${code})`);
      });
    },
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
  plugins: [react(), cspMeta, pushgatewayGuard()],
  server: { host: "127.0.0.1", port: 5173, proxy: pushgatewayProxy, headers: SECURITY_HEADERS },
  preview: {
    host: "127.0.0.1",
    port: 4173,
    strictPort: true,
    proxy: pushgatewayProxy,
    headers: { ...SECURITY_HEADERS, "Content-Security-Policy": CONTENT_SECURITY_POLICY },
  },
  build: { target: "es2022", sourcemap: false },
});
