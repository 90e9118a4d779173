import * as encoding from "lib0/encoding";

/**
 * Byte-level reading of lib0's encoding (what Yjs v1 updates are made of) for log-coalesce.ts:
 * plain functions over a byte array and positions, allocating nothing, because a cold load runs
 * them for every logged update. Each refuses (-1, false) wherever lib0 would throw, so that an
 * update they cannot read is left to Yjs as it is.
 */

/** lib0 varUints of these numbers. */
export function varUints(numbers: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  for (const n of numbers) encoding.writeVarUint(encoder, n);
  return encoding.toUint8Array(encoder);
}

export function sameBytes(bytes: Uint8Array, at: number, expected: Uint8Array): boolean {
  for (let i = 0; i < expected.length; i++) if (bytes[at + i] !== expected[i]) return false;
  return true;
}

/** Where the last readUint or skipString stopped: shared state, so that reading allocates nothing. */
export const cursor = { next: 0 };

/** Step `cursor.next` over a lib0 varString (its byte length, then the bytes) before `end`. */
export function skipString(bytes: Uint8Array, end: number): boolean {
  const size = readUint(bytes, cursor.next, end);
  if (size < 0) return false; // (a size past the end fails the next read)
  cursor.next += size;
  return true;
}

/**
 * A lib0 varUint (7 bits a byte, least significant first) at bytes[at] before `end`, with
 * `cursor.next` set to the byte after it. -1 (and `cursor.next` = end) where lib0 would throw, and
 * also for forms no Yjs client writes (more than 8 bytes, or past 2^53 - 1): the update is then
 * left for Yjs to read as it will.
 */
export function readUint(bytes: Uint8Array, at: number, end: number): number {
  let value = 0;
  let scale = 1;
  for (let p = at; p < end && scale < 2 ** 53; p++) {
    const b = bytes[p]!;
    value += (b & 0x7f) * scale;
    if (b < 0x80 && value <= Number.MAX_SAFE_INTEGER) {
      cursor.next = p + 1;
      return value;
    }
    if (b < 0x80) break;
    scale *= 128;
  }
  cursor.next = end;
  return -1;
}

/**
 * The length in UTF-16 code units of bytes[start, end) decoded as strict UTF-8 (what the decoded
 * string's `length` is: four-byte sequences count two), or -1 if it is not strict UTF-8: lib0
 * decodes with a fatal TextDecoder, so such an update is left for Yjs to refuse.
 */
export function utf16Length(bytes: Uint8Array, start: number, end: number): number {
  let units = 0;
  let i = start;
  while (i < end) {
    const b = bytes[i]!;
    if (b < 0x80) {
      units++;
      i++;
      continue;
    }
    let extra: number;
    let min = 0x80;
    let max = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) extra = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      extra = 2;
      if (b === 0xe0) min = 0xa0; // no overlong forms
      if (b === 0xed) max = 0x9f; // no surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      extra = 3;
      if (b === 0xf0) min = 0x90;
      if (b === 0xf4) max = 0x8f; // nothing above U+10FFFF
    } else return -1;
    if (i + extra >= end) return -1; // a sequence cut short
    const second = bytes[i + 1]!;
    if (second < min || second > max) return -1;
    for (let k = 2; k <= extra; k++) {
      const c = bytes[i + k]!;
      if (c < 0x80 || c > 0xbf) return -1;
    }
    units += extra === 3 ? 2 : 1;
    i += extra + 1;
  }
  return units;
}
