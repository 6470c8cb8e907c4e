"use client";

// Keeps the playing segment in view, unless the person is reading elsewhere: any
// scroll of theirs pauses following for a few seconds (or until "Follow" or a click
// on a segment). Scrolls the page itself, below the sticky player.
import { useCallback, useEffect, useRef, useState, type RefObject } from "react";

const RESUME_AFTER_MS = 5_000;
const SCROLL_KEYS = new Set(["PageUp", "PageDown", "Home", "End", "ArrowUp", "ArrowDown"]);

/** The sticky player covers the top of the viewport once stuck: its stuck bottom edge. */
function coveredTop(): number {
  const player = document.querySelector<HTMLElement>("[data-sticky-player]");
  if (!player) return 0;
  return (Number.parseFloat(getComputedStyle(player).top) || 0) + player.offsetHeight;
}

export function useFollowScroll(list: RefObject<HTMLElement | null>, media: HTMLMediaElement | null, active: number, rows: number) {
  const [following, setFollowing] = useState(true);
  const seeked = useRef(false);
  const followingRef = useRef(true);
  const ownScrollUntil = useRef(0);
  const timer = useRef<number | undefined>(undefined);

  const reveal = useCallback(
    (index: number, force: boolean) => {
      const row = list.current?.children[index];
      if (!(row instanceof HTMLElement)) return;
      const top = coveredTop();
      const height = window.innerHeight;
      const rect = row.getBoundingClientRect();
      if (!force && rect.top >= top + 8 && rect.bottom <= height * 0.85) return;
      const target = top + (height - top) * 0.25;
      const reduced = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      const smooth = !reduced && Math.abs(rect.top - target) < height * 2;
      ownScrollUntil.current = Date.now() + (smooth ? 1_000 : 150);
      window.scrollTo({ top: window.scrollY + rect.top - target, behavior: smooth ? "smooth" : "instant" });
    },
    [list],
  );

  const setFollow = useCallback((value: boolean) => {
    window.clearTimeout(timer.current);
    followingRef.current = value;
    setFollowing(value);
  }, []);

  // Only playback and seeks move the view: opening the page paused at 0:00 must not
  // scroll it, but ?t= or a click on a segment must, even while paused.
  const [playing, setPlaying] = useState(false);
  useEffect(() => {
    if (!media) return;
    const onSeeking = () => {
      seeked.current = true;
    };
    const onPlayState = () => setPlaying(!media.paused);
    media.addEventListener("seeking", onSeeking);
    media.addEventListener("play", onPlayState);
    media.addEventListener("pause", onPlayState);
    onPlayState();
    return () => {
      media.removeEventListener("seeking", onSeeking);
      media.removeEventListener("play", onPlayState);
      media.removeEventListener("pause", onPlayState);
    };
  }, [media]);

  // `rows` too: the active row may only just have been rendered.
  useEffect(() => {
    if (active < 0 || active >= rows || !followingRef.current || !media) return;
    if (media.paused && !seeked.current) return;
    // Correcting a segment while it plays on: never scroll the field being typed in away.
    if (document.activeElement?.matches("input, textarea") && list.current?.contains(document.activeElement)) return;
    reveal(active, false);
  }, [active, list, media, reveal, rows]);

  useEffect(() => {
    const pause = () => {
      setFollow(false);
      timer.current = window.setTimeout(() => setFollow(true), RESUME_AFTER_MS);
    };
    // Scrollbar drags only show up as scroll events; ours are told apart by time.
    const onScroll = () => {
      if (Date.now() > ownScrollUntil.current) pause();
    };
    const onKey = (event: KeyboardEvent) => {
      const target = event.target instanceof Element ? event.target : null;
      if (SCROLL_KEYS.has(event.key) && !target?.closest("input, textarea, select, [role='slider'], [role='menu'], [role='listbox']")) pause();
    };
    window.addEventListener("wheel", pause, { passive: true });
    window.addEventListener("touchmove", pause, { passive: true });
    window.addEventListener("scroll", onScroll, { passive: true });
    window.addEventListener("keydown", onKey);
    return () => {
      window.clearTimeout(timer.current);
      window.removeEventListener("wheel", pause);
      window.removeEventListener("touchmove", pause);
      window.removeEventListener("scroll", onScroll);
      window.removeEventListener("keydown", onKey);
    };
  }, [setFollow]);

  /** Follow again and bring the playing segment into view now. */
  const follow = useCallback(() => {
    setFollow(true);
    if (active >= 0) reveal(active, true);
  }, [active, reveal, setFollow]);

  /** Follow again from the next segment change (after a click on a segment, which is in view). `reveal(i, true)` scrolls a row into view now. */
  const resume = useCallback(() => setFollow(true), [setFollow]);

  /** Whether to offer "Follow": only while playing, since paused there is nothing to follow. */
  const offerFollow = !following && playing;
  return { offerFollow, follow, resume, reveal };
}
