// Tag keys and the immutable tag map a measurement is recorded under.
// Rules (opencensus-go tag/validate.go, tag/map.go):
// - a key is 1–255 printable ASCII characters; a value 0–255 printable ASCII characters;
// - a TagMap never changes: insert (only if absent), update (only if present), upsert and
//   delete each return a new map, and an invalid key or value throws before anything is built.

import { TagError } from "./errors";
import { printableProblem } from "./printable";

export interface TagKey {
  readonly name: string;
}

const keys = new Map<string, TagKey>();

/** A validated tag key. Equal names give the same object, so keys compare with `===`. */
export function tagKey(name: string): TagKey {
  const known = keys.get(name);
  if (known) return known;
  const problem = printableProblem(name, `tag key ${JSON.stringify(name)}`, { allowEmpty: false });
  if (problem) throw new TagError("TAG_KEY", problem);
  const key: TagKey = Object.freeze({ name });
  keys.set(name, key);
  return key;
}

/** Throws a TagError naming the key when `value` is not a valid tag value. */
export function checkTagValue(key: TagKey, value: string): void {
  const problem = printableProblem(value, `tag value for ${JSON.stringify(key.name)}`, {
    allowEmpty: true,
  });
  if (problem) throw new TagError("TAG_VALUE", problem);
}

/** Message for an invalid tag value, or null; for UIs that validate before recording. */
export function tagValueProblem(keyName: string, value: string): string | null {
  return printableProblem(value, `tag value for ${JSON.stringify(keyName)}`, { allowEmpty: true });
}


export class TagMap {
  static #empty = new TagMap(new Map());
  readonly #values: ReadonlyMap<TagKey, string>;
  /**
   * Engine-internal memo: the row data this map resolved to, per view slot, valid while `memoToken`
   * is the current token of the stats instance that wrote it (see stats.ts). It lets a reused
   * map skip key encoding and row lookup with a single identity compare.
   */
  memoToken: object | null = null;
  memoRows: unknown[] = [];

  private constructor(values: ReadonlyMap<TagKey, string>) {
    this.#values = values;
  }

  static empty(): TagMap {
    return TagMap.#empty;
  }

  /** Builds a map from `{ key: value }`, validating every pair first. */
  static of(pairs: Record<string, string>): TagMap {
    let map = TagMap.#empty;
    for (const [k, v] of Object.entries(pairs)) map = map.upsert(tagKey(k), v);
    return map;
  }

  get size(): number {
    return this.#values.size;
  }

  get(key: TagKey): string | undefined {
    return this.#values.get(key);
  }

  has(key: TagKey): boolean {
    return this.#values.has(key);
  }

  /** Adds the tag only if the key is absent. */
  insert(key: TagKey, value: string): TagMap {
    checkTagValue(key, value);
    return this.#values.has(key) ? this : this.#with(key, value);
  }

  /** Replaces the value only if the key is present. */
  update(key: TagKey, value: string): TagMap {
    checkTagValue(key, value);
    return this.#values.has(key) ? this.#with(key, value) : this;
  }

  /** Sets the value whether or not the key is present. */
  upsert(key: TagKey, value: string): TagMap {
    checkTagValue(key, value);
    return this.#values.get(key) === value ? this : this.#with(key, value);
  }

  delete(key: TagKey): TagMap {
    if (!this.#values.has(key)) return this;
    const next = new Map(this.#values);
    next.delete(key);
    return new TagMap(next);
  }

  entries(): [TagKey, string][] {
    return [...this.#values];
  }

  #with(key: TagKey, value: string): TagMap {
    const next = new Map(this.#values);
    next.set(key, value);
    return new TagMap(next);
  }
}
