"use client";

// The media element is the one source of truth for playback: the controls, the
// waveform and the transcript all read its time and drive it through this context,
// so nothing keeps a copy that could drift.
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";

export type PlayerApi = {
  media: HTMLMediaElement | null;
  /** Callback ref for the <audio>/<video> element. */
  attach: (element: HTMLMediaElement | null) => void;
  seek: (time: number, options?: { play?: boolean }) => void;
  skip: (seconds: number) => void;
  togglePlay: () => void;
};

const PlayerContext = createContext<PlayerApi | null>(null);

function clampTime(media: HTMLMediaElement, time: number): number {
  const end = Number.isFinite(media.duration) ? media.duration : Number.POSITIVE_INFINITY;
  return Math.min(Math.max(0, time), end);
}

/** play() rejects when the browser blocks autoplay or the source fails; the UI shows the paused state either way. */
export function playQuietly(media: HTMLMediaElement): void {
  void media.play().catch(() => undefined);
}

export function PlayerProvider({ children }: { children: ReactNode }) {
  const [media, setMedia] = useState<HTMLMediaElement | null>(null);
  const api = useMemo<PlayerApi>(
    () => ({
      media,
      attach: setMedia,
      seek(time, options) {
        if (!media) return;
        media.currentTime = clampTime(media, time);
        if (options?.play && media.paused) playQuietly(media);
      },
      skip(seconds) {
        if (media) media.currentTime = clampTime(media, media.currentTime + seconds);
      },
      togglePlay() {
        if (!media) return;
        if (media.paused) playQuietly(media);
        else media.pause();
      },
    }),
    [media],
  );
  return <PlayerContext value={api}>{children}</PlayerContext>;
}

export function usePlayer(): PlayerApi {
  const api = useContext(PlayerContext);
  if (!api) throw new Error("usePlayer() needs a <PlayerProvider> above it.");
  return api;
}

const TIME_EVENTS = ["timeupdate", "seeking", "seeked", "loadedmetadata", "durationchange", "emptied"] as const;

/**
 * Calls `onTime` with the media's current time whenever it changes. `timeupdate`
 * fires only about four times a second, too coarse for word highlighting, so
 * `precise` adds an animation-frame loop while playing. Callers keep derived values
 * (the active segment index, the displayed second) in state, so React re-renders
 * only when those change, not on every frame.
 */
export function useMediaTime(media: HTMLMediaElement | null, onTime: (time: number) => void, precise = false): void {
  const callback = useRef(onTime);
  useEffect(() => {
    callback.current = onTime;
  });
  useEffect(() => {
    if (!media) return;
    let frame = 0;
    const emit = () => callback.current(media.currentTime);
    const loop = () => {
      emit();
      frame = requestAnimationFrame(loop);
    };
    const start = () => {
      cancelAnimationFrame(frame);
      if (precise) frame = requestAnimationFrame(loop);
    };
    const stop = () => {
      cancelAnimationFrame(frame);
      emit();
    };
    for (const name of TIME_EVENTS) media.addEventListener(name, emit);
    media.addEventListener("playing", start);
    media.addEventListener("pause", stop);
    media.addEventListener("ended", stop);
    emit();
    if (!media.paused) start();
    return () => {
      cancelAnimationFrame(frame);
      for (const name of TIME_EVENTS) media.removeEventListener(name, emit);
      media.removeEventListener("playing", start);
      media.removeEventListener("pause", stop);
      media.removeEventListener("ended", stop);
    };
  }, [media, precise]);
}

/** A value derived from the media's time, re-rendering the caller only when it changes. */
export function useMediaValue<T>(media: HTMLMediaElement | null, derive: (time: number) => T, initial: T, precise = false): T {
  const [value, setValue] = useState(initial);
  const last = useRef(initial);
  useMediaTime(
    media,
    (time) => {
      const next = derive(time);
      if (Object.is(next, last.current)) return;
      last.current = next;
      setValue(next);
    },
    precise,
  );
  return value;
}
