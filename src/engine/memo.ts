// Where a TagMap remembers what the engine resolved it to, so a reused map records with one
// identity compare instead of key encoding and a lookup: its rows per view and its tag-set id in
// the engine's measurement log (recording.ts), in one memo read once per record.
// Rule: the memo is engine-internal state, not part of TagMap's public shape: it sits under a
// symbol no entry point exports, is set in every TagMap's constructor (so all maps share one
// hidden class and the record path stays monomorphic) and is valid only while its token is the
// token of the engine that wrote it; any change of views, slots or rows replaces that token.

export const ROW_MEMO: unique symbol = Symbol("rowMemo");

export interface RowMemo {
  /**
   * The recorder's memo token when these were resolved. The recorder replaces it when views,
   * slots or rows change, and when its log's set ids change (a sweep that freed a set, a clear).
   */
  readonly token: object;
  /** Row data per view slot. */
  readonly rows: unknown[];
  /** The tag set's id in the recorder's measurement log; -1 when not looked up yet. */
  setId: number;
}

export interface Memoized {
  [ROW_MEMO]: RowMemo | null;
}

/** Gives `target` its (empty) memo slot; called from TagMap's constructor. */
export function initMemos(target: object): void {
  (target as Memoized)[ROW_MEMO] = null;
}
