"use client";

// Page-wide keys for the player: Space plays or pauses, ← and → skip 5 seconds.
// They stay out of the way of typing, of controls that use those keys themselves
// (sliders, selects, menus) and of open dialogs.
import { useEffect } from "react";
import type { PlayerApi } from "@/components/player/player-context";

export const SKIP_SECONDS = 5;

const TYPING =
  "input, textarea, select, [contenteditable]:not([contenteditable='false']), [role='slider'], [role='menu'], [role='listbox'], [role='dialog'], [role='alertdialog']";
// Space on these would also click them; segment timestamps (data-seek) are the
// exception, since after clicking one the natural next key is Space to pause.
const CLICKABLE = "button:not([data-seek]), a, summary, [role='button'], [role='tab'], [role='checkbox'], [role='switch']";

function ignored(event: KeyboardEvent): boolean {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return true;
  const target = event.target instanceof Element ? event.target : null;
  if (!target) return false;
  if (target.closest(TYPING)) return true;
  return event.key === " " && !!target.closest(CLICKABLE);
}

export function usePlayerShortcuts(player: Pick<PlayerApi, "media" | "togglePlay" | "skip">): void {
  const { media, togglePlay, skip } = player;
  useEffect(() => {
    if (!media) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (ignored(event)) return;
      if (event.key === " " || event.key === "Spacebar") {
        event.preventDefault();
        togglePlay();
      } else if (event.key === "ArrowLeft") {
        event.preventDefault();
        skip(-SKIP_SECONDS);
      } else if (event.key === "ArrowRight") {
        event.preventDefault();
        skip(SKIP_SECONDS);
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [media, togglePlay, skip]);
}
