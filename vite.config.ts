// Vite config: the React app, and a same-origin proxy to a Prometheus Pushgateway for both
// `npm run dev` and `npm run preview` (a browser page cannot be scraped, so it pushes).
// Rule: /pushgateway/* goes to PUSHGATEWAY_URL (default http://127.0.0.1:9091) with the prefix
// removed; when the gateway cannot be reached the proxy answers 502 with the header
// `x-playground-proxy: unreachable` and a plain-text reason, so the page can tell that apart
// from the gateway's own errors.
import { defineConfig, type ProxyOptions } from "vite";
import react from "@vitejs/plugin-react";
import type { ServerResponse } from "node:http";

export const PUSHGATEWAY_PREFIX = "/pushgateway";
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

export default defineConfig({
  plugins: [react()],
  server: { host: "127.0.0.1", port: 5173, proxy: pushgatewayProxy },
  preview: { host: "127.0.0.1", port: 4173, strictPort: true, proxy: pushgatewayProxy },
  build: { target: "es2022", sourcemap: true },
});
