// The preview server: `vite preview` of the bench's build on a free 127.0.0.1 port
// (e2e/support/environment.ts's previewCommand and freePort), in its own process group.
// Rule: it never outlives the bench. stopPreview() signals the whole group (npx and the vite it
// started: SIGTERM, then SIGKILL after 3 s); on SIGINT, SIGTERM or SIGHUP the group is stopped
// before the bench exits (128 + signal number); and any other exit kills the group outright.
import { type ChildProcess, spawn } from "node:child_process";

import { freePort, previewCommand } from "../../e2e/support/environment";
import { ROOT } from "./build";
import { sleep } from "./figures";

const START_TIMEOUT_MS = 60_000;

let server: ChildProcess | null = null;
let log = "";
let interrupted = false;

const alive = (): boolean => server !== null && server.exitCode === null && server.signalCode === null;

function signalGroup(signal: NodeJS.Signals): void {
  if (!server?.pid || !alive()) return;
  try {
    process.kill(-server.pid, signal);
  } catch {
    // already gone
  }
}

export async function stopPreview(): Promise<void> {
  if (!server || !alive()) return;
  const exited = new Promise<void>((resolve) => server?.once("exit", () => resolve()));
  signalGroup("SIGTERM");
  await Promise.race([exited, sleep(3_000)]);
  if (alive()) {
    signalGroup("SIGKILL");
    await Promise.race([exited, sleep(2_000)]);
  }
}

/** True once a signal told the bench to stop: later errors are its consequence, not the app's. */
export function wasInterrupted(): boolean {
  return interrupted;
}

let hooked = false;
function hookProcessEnd(): void {
  if (hooked) return;
  hooked = true;
  for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143], ["SIGHUP", 129]] as const) {
    process.on(signal, () => {
      if (interrupted) return;
      interrupted = true;
      console.error(`\n${signal}: stopping the preview server …`);
      void stopPreview().finally(() => process.exit(code));
    });
  }
  // Last resort (an exit that skipped stopPreview, e.g. Playwright's own SIGINT handler).
  process.on("exit", () => signalGroup("SIGKILL"));
}

/** Starts the server on `outDir` (relative to the repository root); resolves with its URL once it answers. */
export async function startPreview(outDir: string): Promise<string> {
  if (alive()) throw new Error("the preview server is already running");
  hookProcessEnd();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const [command, ...args] = previewCommand(port, outDir);
  log = "";
  server = spawn(command, args, { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const keep = (chunk: Buffer): void => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  server.stdout?.on("data", keep);
  server.stderr?.on("data", keep);
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (!alive()) throw new Error(`vite preview exited early:\n${log}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) {
        await res.arrayBuffer();
        console.log(`server: vite preview at ${url} (pid ${String(server.pid)})`);
        return url;
      }
    } catch {
      // not up yet
    }
    await sleep(200);
  }
  throw new Error(`vite preview did not answer within ${START_TIMEOUT_MS} ms:\n${log}`);
}
