"use client";

// , and . move playback to the previous and next segment (the player's own keys are
// in components/player/use-player-shortcuts.ts). "Previous" within the first second of
// a segment goes to the one before it, as a music player's back button does.
import { useEffect } from "react";
import { ignoredKey } from "@/components/player/use-player-shortcuts";

const RESTART_WINDOW_SEC = 1;

/** Index of the segment to move to from `time`, or -1 when there is none that way. */
export function segmentStep(segments: readonly { start: number }[], time: number, direction: 1 | -1): number {
  if (direction === 1) return segments.findIndex((segment) => segment.start > time + 0.01);
  for (let i = segments.length - 1; i >= 0; i--) if (segments[i].start < time - RESTART_WINDOW_SEC) return i;
  return segments.length ? 0 : -1;
}

export function useSegmentShortcuts(
  media: HTMLMediaElement | null,
  segments: readonly { id: number; start: number }[],
  jump: (segmentId: number) => void,
): void {
  useEffect(() => {
    if (!media) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (ignoredKey(event) || (event.key !== "," && event.key !== ".")) return;
      const index = segmentStep(segments, media.currentTime, event.key === "." ? 1 : -1);
      if (index < 0) return;
      event.preventDefault();
      jump(segments[index].id);
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [media, segments, jump]);
}
