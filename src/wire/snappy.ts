// Snappy's block format (not the framed stream), the compression of a remote-write body
// (storage/remote/codec.go DecodeWriteRequest reads it with snappy.Decode), over snappyjs.
// Rule: a Uint8Array in gives a plain Uint8Array out, in Node as in the browser. snappyjs
// answers a Node Buffer with a Buffer (whose slice shares memory), so a Buffer or any other
// Uint8Array subclass is first viewed as a plain Uint8Array over the same bytes.

import { compress, uncompress } from "snappyjs";

/** The same bytes as a plain Uint8Array (no copy), so snappyjs takes its Uint8Array path. */
function plain(bytes: Uint8Array): Uint8Array {
  return bytes.constructor === Uint8Array ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** `bytes` compressed as one snappy block (the uncompressed length first, as a varint). */
export function snappyCompress(bytes: Uint8Array): Uint8Array {
  return compress(plain(bytes));
}

/**
 * The bytes of one snappy block. Throws Error on a broken block, or when the length the block
 * announces is above `maxLength` (checked before anything is allocated).
 */
export function snappyUncompress(bytes: Uint8Array, maxLength?: number): Uint8Array {
  return uncompress(plain(bytes), maxLength);
}
