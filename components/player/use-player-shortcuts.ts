"use client";

// Page-wide keys for the player: Space plays or pauses, ← and → skip 5 seconds,
// < and > step the playback speed, F toggles full screen (video), C the captions.
// They stay out of the way of typing, of controls that use those keys themselves
// (sliders, selects, menus) and of open dialogs. The transcript adds , and . for the
// previous and next segment (use-segment-shortcuts.ts); PLAYER_SHORTCUTS lists them all.
import { useEffect } from "react";
import type { PlayerApi } from "@/components/player/player-context";

export const SKIP_SECONDS = 5;
export const SPEEDS = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2];

/** Every key the job page answers to, for the shortcuts help. */
export const PLAYER_SHORTCUTS: { keys: string[]; what: string }[] = [
  { keys: ["Space"], what: "Play or pause" },
  { keys: ["←", "→"], what: `Back or forward ${SKIP_SECONDS} seconds` },
  { keys: [",", "."], what: "Previous or next segment" },
  { keys: ["<", ">"], what: "Slower or faster" },
  { keys: ["F"], what: "Full screen (video)" },
  { keys: ["C"], what: "Captions on or off (video)" },
  { keys: ["E"], what: "Correct the focused segment" },
  { keys: ["Enter", "Alt+↓"], what: "While correcting: save and go to the next segment" },
  { keys: ["Alt+↑"], what: "While correcting: save and go to the previous segment" },
  { keys: ["Shift+Enter"], what: "While correcting: split the segment at the cursor" },
  { keys: ["Escape"], what: "While correcting: cancel the correction" },
];

const TYPING =
  "input, textarea, select, [contenteditable]:not([contenteditable='false']), [role='slider'], [role='menu'], [role='listbox'], [role='dialog'], [role='alertdialog']";
// Space on these would also click them; segment timestamps (data-seek) are the
// exception, since after clicking one the natural next key is Space to pause.
const CLICKABLE = "button:not([data-seek]), a, summary, [role='button'], [role='tab'], [role='checkbox'], [role='switch']";

/** A key the page shortcuts leave alone: typed into a field, a modifier held, or a control's own key. */
export function ignoredKey(event: KeyboardEvent): boolean {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return true;
  const target = event.target instanceof Element ? event.target : null;
  if (!target) return false;
  if (target.closest(TYPING)) return true;
  return event.key === " " && !!target.closest(CLICKABLE);
}

/** The next speed up (1) or down (-1) the list from `rate`, staying at the ends. */
export function stepSpeed(rate: number, direction: 1 | -1): number {
  if (direction === 1) return SPEEDS.find((speed) => speed > rate + 1e-9) ?? SPEEDS[SPEEDS.length - 1];
  return [...SPEEDS].reverse().find((speed) => speed < rate - 1e-9) ?? SPEEDS[0];
}

type Shortcuts = Pick<PlayerApi, "media" | "togglePlay" | "skip"> & { toggleFullscreen?: () => void; toggleCaptions?: () => void };

export function usePlayerShortcuts(player: Shortcuts): void {
  const { media, togglePlay, skip, toggleFullscreen, toggleCaptions } = player;
  useEffect(() => {
    if (!media) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (ignoredKey(event)) return;
      const act = (run: () => void) => {
        event.preventDefault();
        run();
      };
      if (event.key === " " || event.key === "Spacebar") act(togglePlay);
      else if (event.key === "ArrowLeft") act(() => skip(-SKIP_SECONDS));
      else if (event.key === "ArrowRight") act(() => skip(SKIP_SECONDS));
      else if (event.key === "<") act(() => (media.playbackRate = stepSpeed(media.playbackRate, -1)));
      else if (event.key === ">") act(() => (media.playbackRate = stepSpeed(media.playbackRate, 1)));
      else if ((event.key === "f" || event.key === "F") && toggleFullscreen) act(toggleFullscreen);
      else if ((event.key === "c" || event.key === "C") && toggleCaptions) act(toggleCaptions);
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [media, togglePlay, skip, toggleFullscreen, toggleCaptions]);
}
