// gosort.ts: Go 1.19's sort.Sort (pdqsort) sorts as any correct sort does under a strict order,
// for every length and shape; the orders it gives ties and NaN are checked against Prometheus in
// test/promql/cases/ordering.test. container/heap pops in order.

import { describe, expect, it } from "vitest";
import { goSort, GoHeap } from "./gosort";

function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

describe("goSort", () => {
  it("sorts random, sorted, reversed and duplicate-heavy arrays of every size up to 300", () => {
    const r = lcg(1);
    for (let n = 0; n < 1500; n++) {
      const len = Math.floor(r() * 300);
      const a = Array.from({ length: len }, () => Math.floor(r() * (n % 3 === 0 ? 4 : 1000)));
      if (n % 7 === 0) a.sort((x, y) => x - y);
      if (n % 11 === 0) a.sort((x, y) => y - x);
      const got = a.slice();
      goSort(got, (x, y) => x < y);
      expect(got).toEqual(a.slice().sort((x, y) => x - y));
    }
  });

  it("sorts up to 12 elements by insertion: ties keep their order, NaN (less than all) goes first", () => {
    const items = [3, NaN, 1, 3, NaN, 2].map((v, i) => ({ v, i }));
    goSort(items, (a, b) => Number.isNaN(a.v) || a.v < b.v);
    expect(items.map((x) => x.i)).toEqual([4, 1, 2, 5, 0, 3]);
  });
});

describe("GoHeap", () => {
  it("pops the least first", () => {
    const h = new GoHeap<number>((a, b) => a < b, 5);
    for (const x of [3, 8, 1, 9, 2]) h.push(x);
    const out: number[] = [];
    while (h.length > 0) out.push(h.pop());
    expect(out).toEqual([1, 2, 3, 5, 8, 9]);
  });
});
