// Where a TagMap remembers the row data it resolved to, so a reused map records with one
// identity compare instead of key encoding and a lookup (see recording.ts).
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

export interface Memoized {
  [ROW_MEMO]: RowMemo | null;
}

/** Gives `target` its (empty) memo slot; called from TagMap's constructor. */
export function initRowMemo(target: object): void {
  (target as Memoized)[ROW_MEMO] = null;
}
