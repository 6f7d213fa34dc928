// Talking to a Prometheus Pushgateway through the page's same-origin proxy (vite.config.ts).
// Rules:
// - PUT /metrics/job/<job>/instance/<instance> replaces that group with the body, sent with its
//   own content type: the 0.0.4 text or the delimited protobuf exposition (pushFormat.ts says
//   which); the gateway reads either;
// - a job or instance value that contains "/", is empty, or is "." or ".." (which a browser
//   resolves away as path segments before sending) goes base64url-encoded (`job@base64/…`), as
//   the Pushgateway's API defines, so any value works;
// - outcomes are told apart: the proxy's 502 `x-playground-proxy: unreachable` means the
//   gateway is down; any other non-2xx carries the gateway's own error body; a fetch that
//   throws means the page's own server is gone; data that cannot be written in the format the
//   push needs (a native histogram whose scale is below −4) is "unwritable", and nothing is sent.

import { PROMETHEUS_CONTENT_TYPE } from "../engine/exposition";

export const PUSHGATEWAY_PROXY = "/pushgateway";

export type PushOutcome =
  | { ok: true; at: number; bytes: number; status: number }
  | { ok: false; at: number; kind: "unreachable" | "rejected" | "network" | "unwritable"; message: string; status?: number };

function base64url(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_");
}

function segment(label: string, value: string): string {
  return value === "" || value === "." || value === ".." || value.includes("/")
    ? `${label}@base64/${base64url(value) || "="}`
    : `${label}/${encodeURIComponent(value)}`;
}

export function groupPath(job: string, instance: string): string {
  return `/metrics/${segment("job", job)}/${segment("instance", instance)}`;
}

export function jobProblem(job: string): string | null {
  return job.trim() === "" ? "the job name cannot be empty (the Pushgateway groups pushes by job)" : null;
}

/** Wait after `failures` consecutive failures: the period, doubling per failure, at most 5 min. */
export function backoffMs(periodMs: number, failures: number): number {
  return failures <= 0 ? periodMs : Math.min(periodMs * 2 ** failures, 300_000);
}

export interface PushRequestOptions {
  fetch?: typeof fetch;
  now?: () => number;
}

/** PUTs 0.0.4 text to the group. */
export function pushText(text: string, job: string, instance: string, options: PushRequestOptions = {}): Promise<PushOutcome> {
  return pushBody(new TextEncoder().encode(text), PROMETHEUS_CONTENT_TYPE, job, instance, options);
}

/** PUTs `body`, of `contentType`, to the group. */
export async function pushBody(
  body: Uint8Array,
  contentType: string,
  job: string,
  instance: string,
  options: PushRequestOptions = {},
): Promise<PushOutcome> {
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  let response: Response;
  try {
    response = await doFetch(PUSHGATEWAY_PROXY + groupPath(job, instance), {
      method: "PUT",
      headers: { "content-type": contentType },
      // Typed as a view of any buffer (the wire writer's), which fetch's BodyInit refuses; a copy
      // is a view of a plain ArrayBuffer.
      body: new Uint8Array(body),
    });
  } catch (error) {
    return {
      ok: false,
      at: now(),
      kind: "network",
      message: `the page's server did not answer (${error instanceof Error ? error.message : String(error)}); is npm run dev or preview still running?`,
    };
  }
  if (response.ok) return { ok: true, at: now(), bytes: body.length, status: response.status };
  const detail = (await response.text().catch(() => "")).trim().slice(0, 2000);
  if (response.status === 502 && response.headers.get("x-playground-proxy") === "unreachable")
    return { ok: false, at: now(), kind: "unreachable", message: detail || "Pushgateway unreachable", status: 502 };
  return {
    ok: false,
    at: now(),
    kind: "rejected",
    status: response.status,
    message: detail || `HTTP ${response.status} ${response.statusText}`,
  };
}

export function scrapeConfig(gateway = "127.0.0.1:9091", intervalSeconds = 10): string {
  return [
    "scrape_configs:",
    "  - job_name: pushgateway",
    "    # keep the job and instance labels of the pushed group",
    "    honor_labels: true",
    `    scrape_interval: ${intervalSeconds}s`,
    "    static_configs:",
    `      - targets: ['${gateway}']`,
    "",
  ].join("\n");
}
