// Removes the round trip's temporary Prometheus config and storage.
import { rmSync } from "node:fs";

export default function teardown(): void {
  if (process.env.RT_DIR) rmSync(process.env.RT_DIR, { recursive: true, force: true });
}
