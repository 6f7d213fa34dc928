// Tag keys and the immutable tag map a measurement is recorded under.
// Rules (opencensus-go tag/validate.go, tag/map.go):
// - a key is 1–255 printable ASCII characters; a value 0–255 printable ASCII characters;
// - a TagMap never changes: insert (only if absent), update (only if present), upsert and
//   delete each return a new map, and an invalid key or value throws before anything is built.

import { StatsError, TagError } from "./errors";
import { initMemos } from "./memo";
import { printableProblem } from "./printable";

/** A tag key, made by tagKey(name); keys with the same name are the same object. */
export interface TagKey {
  /** 1–255 printable ASCII characters. */
  readonly name: string;
}

const keys = new Map<string, TagKey>();

/**
 * The tag key named `name` (1–255 printable ASCII characters; TagError "TAG_KEY" otherwise).
 * Equal names give the same object, so keys compare with `===`.
 */
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


/** Tags as a plain object, `{ method: "GET", status: "200" }`: what people who think in labels write. */
export type TagRecord = Readonly<Record<string, string>>;

/**
 * The tags a measurement is recorded under: an immutable map from TagKey to value.
 * Every mutator returns a new map (or this one, when nothing changes) and validates first:
 * an invalid value throws TagError("TAG_VALUE") naming the key, and nothing is built.
 */
export class TagMap {
  static #empty = new TagMap(new Map());
  readonly #values: ReadonlyMap<TagKey, string>;

  private constructor(values: ReadonlyMap<TagKey, string>) {
    this.#values = values;
    initMemos(this);
  }

  /** The map with no tags (one shared instance). */
  static empty(): TagMap {
    return TagMap.#empty;
  }

  /**
   * A map from a plain `{ key: value }` object. Every key and value is validated first
   * (TagError "TAG_KEY" / "TAG_VALUE"); anything but a plain object is StatsError "TAG_MAP".
   */
  static of(pairs: TagRecord): TagMap {
    if (typeof pairs !== "object" || pairs === null || Array.isArray(pairs))
      throw new StatsError("TAG_MAP", `tags must be a TagMap or a { key: value } object of strings, not ${describe(pairs)}`);
    const values = new Map<TagKey, string>();
    for (const name in pairs) {
      if (!Object.prototype.hasOwnProperty.call(pairs, name)) continue;
      const key = tagKey(name);
      const value = pairs[name];
      if (typeof value !== "string")
        throw new TagError("TAG_VALUE", `tag value for ${JSON.stringify(name)} must be a string, not ${describe(value)}`);
      checkTagValue(key, value);
      values.set(key, value);
    }
    return values.size === 0 ? TagMap.#empty : new TagMap(values);
  }

  /** How many tags the map holds. */
  get size(): number {
    return this.#values.size;
  }

  /** The value of `key`, or undefined when the map does not have it. */
  get(key: TagKey): string | undefined {
    return this.#values.get(key);
  }

  /** True when the map has `key` (with any value, "" included). */
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

  /** The map without `key` (this map when it has no such key). */
  delete(key: TagKey): TagMap {
    if (!this.#values.has(key)) return this;
    const next = new Map(this.#values);
    next.delete(key);
    return new TagMap(next);
  }

  /** The tags as `[key, value]` pairs, in insertion order. */
  entries(): [TagKey, string][] {
    return [...this.#values];
  }

  #with(key: TagKey, value: string): TagMap {
    const next = new Map(this.#values);
    next.set(key, value);
    return new TagMap(next);
  }
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return typeof v === "string" ? JSON.stringify(v) : typeof v;
}
