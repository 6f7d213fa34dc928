// Label sets as Prometheus 2.42 keeps them (model/labels/labels.go): pairs sorted by name, no
// empty values (an empty value is the same as no label), compared byte-wise in UTF-8 order, and
// printed as Labels.String prints them. Rule: a label set is immutable and carries a precomputed
// key (an unambiguous encoding, length-prefixed values) so maps and signatures never rebuild it.

import { goQuote } from "./gomath";

/** The label that holds the metric name. */
export const METRIC_NAME = "__name__";
/** The label of a classic histogram bucket's upper bound. */
export const BUCKET_LABEL = "le";

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** model.LabelName.IsValid: `[a-zA-Z_][a-zA-Z0-9_]*`, not empty. */
export function isValidLabelName(name: string): boolean {
  return LABEL_NAME.test(name);
}

/** One pair's part of a key: names cannot hold "=", values are length-prefixed. */
function keyPart(name: string, value: string): string {
  return `${name}=${value.length}:${value}`;
}

/** Go's string order (bytes of UTF-8), which is code point order, not UTF-16 unit order. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      // Surrogates (D800–DFFF) stand for code points above FFFF: they sort after E000–FFFF.
      const xs = x >= 0xd800 && x <= 0xdfff ? x + 0x2000 : x >= 0xe000 ? x - 0x800 : x;
      const ys = y >= 0xd800 && y <= 0xdfff ? y + 0x2000 : y >= 0xe000 ? y - 0x800 : y;
      return xs < ys ? -1 : 1;
    }
  }
  return a.length - b.length;
}

/** An immutable label set, sorted by name, without empty values. */
export class Labels {
  static readonly EMPTY = new Labels([], []);

  readonly names: readonly string[];
  readonly values: readonly string[];
  private cachedKey: string | undefined;
  private cachedWithoutName: Labels | undefined;

  private constructor(names: readonly string[], values: readonly string[]) {
    this.names = names;
    this.values = values;
  }

  /** From pairs already sorted by name with no empty value (the caller guarantees it). */
  static fromSorted(names: readonly string[], values: readonly string[]): Labels {
    return names.length === 0 ? Labels.EMPTY : new Labels(names, values);
  }

  /** From a plain object: sorted by name, empty values dropped. */
  static fromRecord(record: Readonly<Record<string, string>>): Labels {
    const names = Object.keys(record)
      .filter((n) => record[n] !== "")
      .sort(compareStrings);
    return Labels.fromSorted(
      names,
      names.map((n) => record[n]!),
    );
  }

  get size(): number {
    return this.names.length;
  }

  /** The unambiguous encoding of the whole set, computed once. */
  get key(): string {
    if (this.cachedKey === undefined) {
      let k = "";
      for (let i = 0; i < this.names.length; i++) k += keyPart(this.names[i]!, this.values[i]!);
      this.cachedKey = k;
    }
    return this.cachedKey;
  }

  /** The value of `name`, "" when absent (labels.Labels.Get). */
  get(name: string): string {
    const i = this.names.indexOf(name);
    return i < 0 ? "" : this.values[i]!;
  }

  /** The set without the labels named in `drop`. */
  without(drop: ReadonlySet<string>): Labels {
    const names: string[] = [];
    const values: string[] = [];
    for (let i = 0; i < this.names.length; i++) {
      if (drop.has(this.names[i]!)) continue;
      names.push(this.names[i]!);
      values.push(this.values[i]!);
    }
    return names.length === this.names.length ? this : Labels.fromSorted(names, values);
  }

  /** Only the labels named in `keep` (labels.Builder.Keep). */
  keep(keep: ReadonlySet<string>): Labels {
    const names: string[] = [];
    const values: string[] = [];
    for (let i = 0; i < this.names.length; i++) {
      if (!keep.has(this.names[i]!)) continue;
      names.push(this.names[i]!);
      values.push(this.values[i]!);
    }
    return names.length === this.names.length ? this : Labels.fromSorted(names, values);
  }

  /** The set with `name` set to `value`, or removed when `value` is "" (labels.Builder.Set). */
  with(name: string, value: string): Labels {
    const names = this.names.slice();
    const values = this.values.slice();
    let i = 0;
    while (i < names.length && compareStrings(names[i]!, name) < 0) i++;
    if (i < names.length && names[i] === name) {
      if (value === "") {
        names.splice(i, 1);
        values.splice(i, 1);
      } else values[i] = value;
    } else if (value !== "") {
      names.splice(i, 0, name);
      values.splice(i, 0, value);
    } else return this;
    return Labels.fromSorted(names, values);
  }

  /** The set without `__name__` (promql/engine.go dropMetricName), cached on the set. */
  withoutMetricName(): Labels {
    if (this.cachedWithoutName === undefined) {
      const i = this.names.indexOf(METRIC_NAME);
      if (i < 0) this.cachedWithoutName = this;
      else {
        const names = this.names.slice();
        const values = this.values.slice();
        names.splice(i, 1);
        values.splice(i, 1);
        this.cachedWithoutName = Labels.fromSorted(names, values);
      }
    }
    return this.cachedWithoutName;
  }

  /** A plain object, as the HTTP API's `metric` field. */
  toRecord(): Record<string, string> {
    const out: Record<string, string> = {};
    for (let i = 0; i < this.names.length; i++) out[this.names[i]!] = this.values[i]!;
    return out;
  }

  /** labels.Labels.String: `{a="1", b="2"}`. */
  toString(): string {
    const parts: string[] = [];
    for (let i = 0; i < this.names.length; i++) parts.push(`${this.names[i]}=${goQuote(this.values[i]!)}`);
    return `{${parts.join(", ")}}`;
  }
}

/** labels.Compare: pairwise by name then value, then the shorter set first. */
export function compareLabels(a: Labels, b: Labels): number {
  const n = Math.min(a.names.length, b.names.length);
  for (let i = 0; i < n; i++) {
    const cn = compareStrings(a.names[i]!, b.names[i]!);
    if (cn !== 0) return cn;
    const cv = compareStrings(a.values[i]!, b.values[i]!);
    if (cv !== 0) return cv;
  }
  return a.names.length - b.names.length;
}

/**
 * A signature of the labels named in `names` (on), or of all but those (ignoring, which also
 * ignores `__name__`): promql/engine.go signatureFunc with BytesWithLabels/BytesWithoutLabels.
 */
export function signature(labels: Labels, on: boolean, names: ReadonlySet<string>): string {
  let k = "";
  for (let i = 0; i < labels.names.length; i++) {
    const n = labels.names[i]!;
    const listed = names.has(n);
    if (on ? listed : !listed && n !== METRIC_NAME) k += keyPart(n, labels.values[i]!);
  }
  return k;
}

/** labels.Labels.MatchLabels: the labels a signature is made of, for error messages. */
export function matchLabels(labels: Labels, on: boolean, names: ReadonlySet<string>): Labels {
  const keepNames: string[] = [];
  const keepValues: string[] = [];
  for (let i = 0; i < labels.names.length; i++) {
    const n = labels.names[i]!;
    if (names.has(n) === on && (on || n !== METRIC_NAME)) {
      keepNames.push(n);
      keepValues.push(labels.values[i]!);
    }
  }
  return Labels.fromSorted(keepNames, keepValues);
}
