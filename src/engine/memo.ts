// Where a TagMap remembers what the engine resolved it to, so a reused map records with one
// identity compare instead of key encoding and a lookup: its rows per view (recording.ts) and
// its tag-set id in the measurement log (log.ts).
// Rule: the memo is engine-internal state, not part of TagMap's public shape: it sits under a
// symbol no entry point exports, is set in every TagMap's constructor (so all maps share one
// hidden class and the record path stays monomorphic) and is valid only while its token is the
// token of the engine that wrote it; any change of views, slots or rows replaces that token.

export const ROW_MEMO: unique symbol = Symbol("rowMemo");

export interface RowMemo {
  /** The recorder's memo token when these rows were resolved. */
  readonly token: object;
  /** Row data per view slot. */
  readonly rows: unknown[];
}

export const LOG_MEMO: unique symbol = Symbol("logMemo");

export interface LogMemo {
  /** The log's token when the id was given: the id is valid while it is still the log's token. */
  readonly log: object;
  /** The tag set's id in that log. */
  readonly id: number;
}

export interface Memoized {
  [ROW_MEMO]: RowMemo | null;
  [LOG_MEMO]: LogMemo | null;
}

/** Gives `target` its (empty) memo slots; called from TagMap's constructor. */
export function initMemos(target: object): void {
  (target as Memoized)[ROW_MEMO] = null;
  (target as Memoized)[LOG_MEMO] = null;
}
