/** Where two versions of a text differ: one range, between their longest common prefix and suffix. */
export interface ChangedRange {
  /** Where the versions start to differ (the same offset in both). */
  start: number;
  /** The end of the changed part in the old version, and in the new one (everything after is the same in both). */
  oldEnd: number;
  newEnd: number;
}

/** Compared a chunk at a time: comparing two slices is one memcmp, a loop over characters is many times slower. */
const CHUNK = 4096;

export function changedRange(oldText: string, newText: string): ChangedRange {
  const shorter = Math.min(oldText.length, newText.length);
  let start = 0;
  while (start + CHUNK <= shorter && oldText.slice(start, start + CHUNK) === newText.slice(start, start + CHUNK)) start += CHUNK;
  while (start < shorter && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
  // The common suffix may not overlap the common prefix.
  const limit = shorter - start;
  let suffix = 0;
  while (suffix + CHUNK <= limit && oldText.slice(oldText.length - suffix - CHUNK, oldText.length - suffix) === newText.slice(newText.length - suffix - CHUNK, newText.length - suffix)) suffix += CHUNK;
  while (suffix < limit && oldText.charCodeAt(oldText.length - suffix - 1) === newText.charCodeAt(newText.length - suffix - 1)) suffix++;
  return { start, oldEnd: oldText.length - suffix, newEnd: newText.length - suffix };
}
