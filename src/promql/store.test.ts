import { describe, expect, it } from "vitest";
import { createSeriesStore, instantQuery, STALE_NAN } from "./index";
import type { MemorySeriesStore } from "./store";

describe("series store retention", () => {
  it("dropBefore drops older samples and emptied series; queries over what remains answer as before", () => {
    const store = createSeriesStore();
    for (let t = 0; t <= 600_000; t += 1_000) store.append({ __name__: "x", a: "1" }, t, t / 1000);
    store.append({ __name__: "gone", a: "1" }, 1_000, 1);
    store.append({ __name__: "gone", a: "1" }, 2_000, STALE_NAN);
    const before = instantQuery(store, "rate(x[5m])", 600_000);
    (store as MemorySeriesStore).dropBefore(290_000);
    expect(store.stats()).toMatchObject({ series: 1, samples: 311, staleMarkers: 0, minTimeMs: 290_000, maxTimeMs: 600_000 });
    expect(instantQuery(store, "rate(x[5m])", 600_000)).toEqual(before);
    expect(instantQuery(store, "gone", 2_000)).toEqual({ resultType: "vector", result: [] });
    store.append({ __name__: "x", a: "1" }, 601_000, 601);
    expect(store.stats().samples).toBe(312);
  });
});
