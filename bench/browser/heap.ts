// The page's JavaScript heap, through the Chrome DevTools Protocol: used size after a forced
// garbage collection, and a heap snapshot summed by node type (compiled code, other JS data,
// and the DOM's native objects).
// Rule: every reading follows a full GC (HeapProfiler.collectGarbage; a snapshot does its own),
// so what is compared is what the page keeps alive, not garbage not yet collected. Both pause
// the page: a scenario that reads the heap inside a measured window must set those pauses apart.
import type { CDPSession } from "@playwright/test";

export interface HeapUsage {
  /** V8 heap in use, bytes (Runtime.getHeapUsage usedSize). */
  used: number;
  /** V8 heap reserved, bytes. */
  total: number;
  /** Blink's own heap (DOM and other C++ objects) in use, bytes, when Chromium reports it. */
  embedder: number | null;
}

export async function heapAfterGC(cdp: CDPSession): Promise<HeapUsage> {
  await cdp.send("HeapProfiler.collectGarbage");
  const u = (await cdp.send("Runtime.getHeapUsage")) as { usedSize: number; totalSize: number; embedderHeapUsedSize?: number };
  return { used: u.usedSize, total: u.totalSize, embedder: u.embedderHeapUsedSize ?? null };
}

export interface HeapByType {
  /** Sum of self sizes of all nodes, bytes. */
  total: number;
  /** Nodes of type "code": bytecode, machine code, function and script info. */
  code: number;
  /** The rest of the JS heap: objects, arrays, strings, closures, object shapes, numbers… */
  data: number;
  /** Nodes of type "native": DOM and other Blink objects, outside the JS heap's used size. */
  native: number;
  /** Self size per node type, bytes. */
  byType: Record<string, number>;
}

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
}

/** Takes a heap snapshot (which collects garbage first) and sums node self sizes per type. */
export async function heapSnapshotByType(cdp: CDPSession): Promise<HeapByType> {
  const chunks: string[] = [];
  const onChunk = (e: { chunk: string }): void => void chunks.push(e.chunk);
  cdp.on("HeapProfiler.addHeapSnapshotChunk", onChunk);
  try {
    await cdp.send("HeapProfiler.enable");
    await cdp.send("HeapProfiler.takeHeapSnapshot", { reportProgress: false, captureNumericValue: false });
  } finally {
    cdp.off("HeapProfiler.addHeapSnapshotChunk", onChunk);
  }
  const snap = JSON.parse(chunks.join("")) as Snapshot;
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf("type");
  const sizeAt = fields.indexOf("self_size");
  if (typeAt < 0 || sizeAt < 0) throw new Error(`heap snapshot without type or self_size (fields: ${fields.join(", ")})`);
  const byType: Record<string, number> = {};
  let total = 0;
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + typeAt]!] ?? "?";
    const size = snap.nodes[i + sizeAt]!;
    byType[type] = (byType[type] ?? 0) + size;
    total += size;
  }
  const code = byType.code ?? 0;
  const native = byType.native ?? 0;
  return { total, code, data: total - code - native, native, byType };
}
