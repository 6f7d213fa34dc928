// Talking to a remote-write receiver through the page's same-origin proxy (vite.config.ts,
// remote-write-guard.ts): POST /remote-write with the snappy-compressed WriteRequest.
// Rules, as Prometheus's own client decides (storage/remote/client.go Store, queue_manager.go
// sendWriteRequestWithBackoff):
// - 2xx is sent; 5xx, the proxy's 502 `x-playground-proxy: unreachable` (the receiver is down)
//   and a fetch that throws (the page's server is gone) are recoverable: the same request is sent
//   again after a backoff that starts at MIN_BACKOFF_MS and doubles up to MAX_BACKOFF_MS;
// - any 4xx is not recoverable: the receiver refused the data itself (out of order, too old,
//   duplicate, bad labels) and would refuse it again; its message is kept, at most
//   MAX_ERROR_CHARS characters (client.go reads at most maxErrMsgLen, 1,024 bytes);
// - where the proxy sends samples is asked of it (GET /remote-write/target): the page never
//   holds the receiver's address or credentials itself.

import * as v from "valibot";

export const REMOTE_WRITE_PROXY = "/remote-write";
/** config.go DefaultQueueConfig MinBackoff and MaxBackoff. */
export const MIN_BACKOFF_MS = 30;
export const MAX_BACKOFF_MS = 5_000;
export const MAX_ERROR_CHARS = 1_024;

export type WriteOutcome =
  | { ok: true; status: number }
  | { ok: false; recoverable: boolean; kind: "unreachable" | "server" | "rejected" | "network"; status?: number; message: string };

/** Where the proxy forwards, as it says itself. */
export interface RemoteWriteTarget {
  url: string;
  auth: "none" | "basic" | "bearer";
  tenant: string | null;
}

/** Wait before retry number `failures` (1 = the first retry). */
export function backoffMs(failures: number): number {
  return Math.min(MIN_BACKOFF_MS * 2 ** Math.max(0, failures - 1), MAX_BACKOFF_MS);
}

/** POSTs `body` with `headers` (wire's REMOTE_WRITE_HEADERS: the wire layer loads lazily, so it is passed in). */
export async function postWriteRequest(body: Uint8Array, headers: Readonly<Record<string, string>>, doFetch: typeof fetch = fetch): Promise<WriteOutcome> {
  let response: Response;
  try {
    // A copy: the body is typed as a view of any buffer (the wire writer's), which BodyInit refuses.
    response = await doFetch(REMOTE_WRITE_PROXY, { method: "POST", headers: { ...headers }, body: new Uint8Array(body) });
  } catch (error) {
    return {
      ok: false,
      recoverable: true,
      kind: "network",
      message: `the page's server did not answer (${error instanceof Error ? error.message : String(error)}); is npm run dev or preview still running?`,
    };
  }
  if (response.ok) return { ok: true, status: response.status };
  const text = (await response.text().catch(() => "")).trim().slice(0, MAX_ERROR_CHARS);
  const status = response.status;
  if (status === 502 && response.headers.get("x-playground-proxy") === "unreachable")
    return { ok: false, recoverable: true, kind: "unreachable", status, message: text || "the receiver is unreachable" };
  if (status >= 500) return { ok: false, recoverable: true, kind: "server", status, message: text || `HTTP ${status}` };
  return { ok: false, recoverable: false, kind: "rejected", status, message: text || `HTTP ${status}` };
}

const targetSchema = v.object({
  url: v.string(),
  auth: v.picklist(["none", "basic", "bearer"]),
  tenant: v.nullable(v.string()),
});

/** What the proxy says of its receiver, or the reason it could not be asked. */
export async function fetchTarget(doFetch: typeof fetch = fetch): Promise<RemoteWriteTarget | { problem: string }> {
  try {
    const response = await doFetch(`${REMOTE_WRITE_PROXY}/target`);
    if (!response.ok) return { problem: `the page's server has no remote-write proxy (HTTP ${response.status}): run the app with npm run dev or npm run preview` };
    const parsed = v.safeParse(targetSchema, await response.json());
    if (!parsed.success) return { problem: "the page's server answered about its remote-write proxy in a form this page does not know" };
    return parsed.output;
  } catch (error) {
    return { problem: `the page's server did not answer (${error instanceof Error ? error.message : String(error)})` };
  }
}
