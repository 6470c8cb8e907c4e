"use client";

// Unsaved corrections survive leaving the page: every keystroke in a segment editor
// is kept in localStorage under the job and segment, and the editor opens again with
// it when the person comes back (a link followed, a reload, the tab closed). Saving
// or cancelling the correction forgets it; so does a week without coming back.
// Storage may be unavailable (private windows, quotas): then drafts are simply not kept.

const PREFIX = "selenite:draft:";
const MAX_AGE_MS = 7 * 24 * 3600 * 1000;

type Stored = { text: string; at: number };

const keyOf = (jobId: string, segmentId: number) => `${PREFIX}${jobId}:${segmentId}`;

export function readDraft(jobId: string, segmentId: number): string | null {
  try {
    const raw = window.localStorage.getItem(keyOf(jobId, segmentId));
    if (!raw) return null;
    const stored = JSON.parse(raw) as Partial<Stored>;
    if (typeof stored.text !== "string" || typeof stored.at !== "number" || Date.now() - stored.at > MAX_AGE_MS) {
      window.localStorage.removeItem(keyOf(jobId, segmentId));
      return null;
    }
    return stored.text;
  } catch {
    return null;
  }
}

export function writeDraft(jobId: string, segmentId: number, text: string): void {
  try {
    window.localStorage.setItem(keyOf(jobId, segmentId), JSON.stringify({ text, at: Date.now() } satisfies Stored));
  } catch {
    // Full or disabled storage: the editor still works, the draft is not kept.
  }
}

export function clearDraft(jobId: string, segmentId: number): void {
  try {
    window.localStorage.removeItem(keyOf(jobId, segmentId));
  } catch {
    // Nothing to forget.
  }
}
