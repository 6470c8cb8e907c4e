// Which segment (or word) is playing: binary search over start times, so a
// 2,000-segment transcript costs about eleven comparisons per animation frame.
// Client-safe and pure.

/** Seeking to a start time can land a hair before it (frame alignment); count that as arrived. */
const EPSILON = 0.05;

/**
 * Index of the last item that has started at `time`, or -1 before the first one.
 * In a pause between two segments the earlier one stays current, so the highlight
 * does not flicker off and on. Items must be sorted by start.
 */
export function findActiveIndex(items: readonly { start: number }[], time: number): number {
  let low = 0;
  let high = items.length - 1;
  let found = -1;
  const t = time + EPSILON;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (items[mid].start <= t) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}
