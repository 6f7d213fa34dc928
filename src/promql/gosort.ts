// Go's ordering machinery where PromQL's output order depends on it: container/heap (topk and
// bottomk keep their candidates in one) and sort.Sort, transcribed from Go 1.19's
// sort/zsortinterface.go (pdqsort; Prometheus 2.42 is built with Go 1.19). Rule: the same
// sequence of Less and Swap calls as Go, so ties, and NaN under Prometheus's not-quite-orders
// (vectorByValueHeap treats NaN as less than everything), end up exactly where Go puts them.

/** The data sort.Sort works on: an array and its Less. */
interface SortData<T> {
  items: T[];
  less: (a: T, b: T) => boolean;
}

function lessAt<T>(d: SortData<T>, i: number, j: number): boolean {
  return d.less(d.items[i]!, d.items[j]!);
}

function swap<T>(d: SortData<T>, i: number, j: number): void {
  const t = d.items[i]!;
  d.items[i] = d.items[j]!;
  d.items[j] = t;
}

/** bits.Len: the number of bits needed for x (x ≥ 0). */
function bitsLen(x: number): number {
  let n = 0;
  while (x > 0) {
    n++;
    x = Math.floor(x / 2);
  }
  return n;
}

function insertionSort<T>(d: SortData<T>, a: number, b: number): void {
  for (let i = a + 1; i < b; i++) for (let j = i; j > a && lessAt(d, j, j - 1); j--) swap(d, j, j - 1);
}

function siftDown<T>(d: SortData<T>, lo: number, hi: number, first: number): void {
  let root = lo;
  for (;;) {
    let child = 2 * root + 1;
    if (child >= hi) break;
    if (child + 1 < hi && lessAt(d, first + child, first + child + 1)) child++;
    if (!lessAt(d, first + root, first + child)) return;
    swap(d, first + root, first + child);
    root = child;
  }
}

function heapSort<T>(d: SortData<T>, a: number, b: number): void {
  const first = a;
  const hi = b - a;
  for (let i = Math.trunc((hi - 1) / 2); i >= 0; i--) siftDown(d, i, hi, first);
  for (let i = hi - 1; i >= 0; i--) {
    swap(d, first, first + i);
    siftDown(d, 0, i, first);
  }
}

const UNKNOWN_HINT = 0;
const INCREASING_HINT = 1;
const DECREASING_HINT = 2;
const MASK64 = (1n << 64n) - 1n;

function pdqsort<T>(d: SortData<T>, a: number, b: number, limit: number): void {
  const maxInsertion = 12;
  let wasBalanced = true;
  let wasPartitioned = true;
  for (;;) {
    const length = b - a;
    if (length <= maxInsertion) {
      insertionSort(d, a, b);
      return;
    }
    if (limit === 0) {
      heapSort(d, a, b);
      return;
    }
    if (!wasBalanced) {
      breakPatterns(d, a, b);
      limit--;
    }
    let [pivot, hint] = choosePivot(d, a, b);
    if (hint === DECREASING_HINT) {
      reverseRange(d, a, b);
      pivot = b - 1 - (pivot - a);
      hint = INCREASING_HINT;
    }
    if (wasBalanced && wasPartitioned && hint === INCREASING_HINT) {
      if (partialInsertionSort(d, a, b)) return;
    }
    if (a > 0 && !lessAt(d, a - 1, pivot)) {
      a = partitionEqual(d, a, b, pivot);
      continue;
    }
    const [mid, alreadyPartitioned] = partition(d, a, b, pivot);
    wasPartitioned = alreadyPartitioned;
    const leftLen = mid - a;
    const rightLen = b - mid;
    const balanceThreshold = Math.trunc(length / 8);
    if (leftLen < rightLen) {
      wasBalanced = leftLen >= balanceThreshold;
      pdqsort(d, a, mid, limit);
      a = mid + 1;
    } else {
      wasBalanced = rightLen >= balanceThreshold;
      pdqsort(d, mid + 1, b, limit);
      b = mid;
    }
  }
}

function partition<T>(d: SortData<T>, a: number, b: number, pivot: number): [number, boolean] {
  swap(d, a, pivot);
  let i = a + 1;
  let j = b - 1;
  while (i <= j && lessAt(d, i, a)) i++;
  while (i <= j && !lessAt(d, j, a)) j--;
  if (i > j) {
    swap(d, j, a);
    return [j, true];
  }
  swap(d, i, j);
  i++;
  j--;
  for (;;) {
    while (i <= j && lessAt(d, i, a)) i++;
    while (i <= j && !lessAt(d, j, a)) j--;
    if (i > j) break;
    swap(d, i, j);
    i++;
    j--;
  }
  swap(d, j, a);
  return [j, false];
}

function partitionEqual<T>(d: SortData<T>, a: number, b: number, pivot: number): number {
  swap(d, a, pivot);
  let i = a + 1;
  let j = b - 1;
  for (;;) {
    while (i <= j && !lessAt(d, a, i)) i++;
    while (i <= j && lessAt(d, a, j)) j--;
    if (i > j) break;
    swap(d, i, j);
    i++;
    j--;
  }
  return i;
}

function partialInsertionSort<T>(d: SortData<T>, a: number, b: number): boolean {
  const maxSteps = 5;
  const shortestShifting = 50;
  let i = a + 1;
  for (let step = 0; step < maxSteps; step++) {
    while (i < b && !lessAt(d, i, i - 1)) i++;
    if (i === b) return true;
    if (b - a < shortestShifting) return false;
    swap(d, i, i - 1);
    if (i - a >= 2) {
      for (let j = i - 1; j >= 1; j--) {
        if (!lessAt(d, j, j - 1)) break;
        swap(d, j, j - 1);
      }
    }
    if (b - i >= 2) {
      for (let j = i + 1; j < b; j++) {
        if (!lessAt(d, j, j - 1)) break;
        swap(d, j, j - 1);
      }
    }
  }
  return false;
}

function breakPatterns<T>(d: SortData<T>, a: number, b: number): void {
  const length = b - a;
  if (length < 8) return;
  let random = BigInt(length); // xorshift seeded with the length (Go 1.19: << 13, >> 17, << 5)
  const modulus = BigInt(2 ** bitsLen(length));
  const base = a + Math.trunc(length / 4) * 2;
  for (let idx = base - 1; idx <= base + 1; idx++) {
    random ^= (random << 13n) & MASK64;
    random ^= random >> 17n;
    random ^= (random << 5n) & MASK64;
    let other = Number(random & (modulus - 1n));
    if (other >= length) other -= length;
    swap(d, idx, a + other);
  }
}

function choosePivot<T>(d: SortData<T>, a: number, b: number): [number, number] {
  const shortestNinther = 50;
  const maxSwaps = 4 * 3;
  const l = b - a;
  const swaps = { n: 0 };
  let i = a + Math.trunc(l / 4) * 1;
  let j = a + Math.trunc(l / 4) * 2;
  let k = a + Math.trunc(l / 4) * 3;
  if (l >= 8) {
    if (l >= shortestNinther) {
      i = median(d, i - 1, i, i + 1, swaps);
      j = median(d, j - 1, j, j + 1, swaps);
      k = median(d, k - 1, k, k + 1, swaps);
    }
    j = median(d, i, j, k, swaps);
  }
  if (swaps.n === 0) return [j, INCREASING_HINT];
  if (swaps.n === maxSwaps) return [j, DECREASING_HINT];
  return [j, UNKNOWN_HINT];
}

function order2<T>(d: SortData<T>, a: number, b: number, swaps: { n: number }): [number, number] {
  if (lessAt(d, b, a)) {
    swaps.n++;
    return [b, a];
  }
  return [a, b];
}

function median<T>(d: SortData<T>, a: number, b: number, c: number, swaps: { n: number }): number {
  const [a1, b1] = order2(d, a, b, swaps);
  const [b2] = order2(d, b1, c, swaps);
  return order2(d, a1, b2, swaps)[1];
}

function reverseRange<T>(d: SortData<T>, a: number, b: number): void {
  let i = a;
  let j = b - 1;
  while (i < j) {
    swap(d, i, j);
    i++;
    j--;
  }
}

/** sort.Sort(data) with data.Less(i, j) = less(items[i], items[j]), exactly as Go 1.19 does it. */
export function goSort<T>(items: T[], less: (a: T, b: T) => boolean): void {
  const n = items.length;
  if (n <= 1) return;
  pdqsort({ items, less }, 0, n, bitsLen(n));
}

/** container/heap over an array with `less`: Push and Pop exactly as Go's up/down do. */
export class GoHeap<T> {
  readonly items: T[];
  private readonly less: (a: T, b: T) => boolean;

  constructor(less: (a: T, b: T) => boolean, first: T) {
    this.less = less;
    this.items = [first];
  }

  get length(): number {
    return this.items.length;
  }

  push(x: T): void {
    this.items.push(x);
    this.up(this.items.length - 1);
  }

  pop(): T {
    const n = this.items.length - 1;
    this.swap(0, n);
    this.down(0, n);
    return this.items.pop()!;
  }

  private swap(i: number, j: number): void {
    const t = this.items[i]!;
    this.items[i] = this.items[j]!;
    this.items[j] = t;
  }

  private up(j: number): void {
    for (;;) {
      const i = Math.trunc((j - 1) / 2);
      if (i === j || !this.less(this.items[j]!, this.items[i]!)) break;
      this.swap(i, j);
      j = i;
    }
  }

  private down(i0: number, n: number): void {
    let i = i0;
    for (;;) {
      const j1 = 2 * i + 1;
      if (j1 >= n || j1 < 0) break;
      let j = j1;
      const j2 = j1 + 1;
      if (j2 < n && this.less(this.items[j2]!, this.items[j1]!)) j = j2;
      if (!this.less(this.items[j]!, this.items[i]!)) break;
      this.swap(i, j);
      i = j;
    }
  }
}
