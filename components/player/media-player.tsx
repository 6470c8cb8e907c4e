"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { PlayerControls } from "@/components/player/player-controls";
import { playQuietly, usePlayer } from "@/components/player/player-context";
import { usePlayerShortcuts } from "@/components/player/use-player-shortcuts";
import { Waveform } from "@/components/player/waveform";
import { cn } from "@/lib/utils";

type MediaPlayerProps = {
  src: string;
  video: boolean;
  durationHint: number | null;
  /** From ?t=: where playback starts. */
  startAt: number | null;
  /** The server's waveform peaks (GET /api/jobs/:id/peaks). */
  peaksSrc: string | null;
  /** The transcript as WebVTT, shown as captions on a video; null while there is none. */
  captions: { src: string; lang: string | null } | null;
  className?: string;
};

function mediaErrorText(error: MediaError | null): string {
  if (error?.code === MediaError.MEDIA_ERR_NETWORK) return "The connection dropped while loading the recording. Reload the page to try again.";
  if (error?.code === MediaError.MEDIA_ERR_DECODE) return "Your browser could not decode this recording.";
  return "The recording could not be loaded: its file may be missing from storage, or your browser cannot play this format.";
}

export function MediaPlayer({ src, video, durationHint, startAt, peaksSrc, captions, className }: MediaPlayerProps) {
  const player = usePlayer();
  const { media, attach, togglePlay } = player;
  const [error, setError] = useState<string | null>(null);
  const section = useRef<HTMLElement>(null);
  const [fullscreen, setFullscreen] = useState(false);
  const [captionsOn, setCaptionsOn] = useState(true);

  useEffect(() => {
    const sync = () => setFullscreen(document.fullscreenElement === section.current && section.current !== null);
    document.addEventListener("fullscreenchange", sync);
    return () => document.removeEventListener("fullscreenchange", sync);
  }, []);
  // The whole player goes full screen, not the bare video, so the controls (and the captions) come with it.
  const toggleFullscreen = useCallback(() => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    else void section.current?.requestFullscreen().catch(() => undefined);
  }, []);
  const toggleCaptions = useCallback(() => setCaptionsOn((on) => !on), []);
  useEffect(() => {
    const track = media?.textTracks[0];
    if (track) track.mode = captionsOn ? "showing" : "hidden";
  }, [media, captionsOn, captions]);

  usePlayerShortcuts({
    ...player,
    toggleFullscreen: video ? toggleFullscreen : undefined,
    toggleCaptions: video && captions ? toggleCaptions : undefined,
  });

  useEffect(() => {
    if (!media || startAt == null) return;
    const start = () => {
      media.currentTime = startAt;
      // Browsers may refuse to start with sound before the person interacts; then it waits, paused, at startAt.
      playQuietly(media);
    };
    if (media.readyState >= HTMLMediaElement.HAVE_METADATA) {
      start();
      return;
    }
    media.addEventListener("loadedmetadata", start, { once: true });
    return () => media.removeEventListener("loadedmetadata", start);
  }, [media, startAt]);

  useEffect(() => {
    if (!media) return;
    // The element starts loading before hydration, so an early failure shows only in media.error.
    const check = () => setError(media.error ? mediaErrorText(media.error) : null);
    check();
    media.addEventListener("error", check);
    media.addEventListener("loadedmetadata", check);
    return () => {
      media.removeEventListener("error", check);
      media.removeEventListener("loadedmetadata", check);
    };
  }, [media]);

  return (
    // Sticks below the app header (h-14) so the controls stay at hand while reading a long transcript.
    <section
      ref={section}
      aria-label="Player"
      data-sticky-player
      className={cn(
        "sticky top-14 z-20 -mx-4 grid gap-3 border-b bg-background/95 px-4 py-3 backdrop-blur sm:mx-0 sm:rounded-lg sm:border sm:bg-card sm:px-4 sm:shadow-sm",
        "[&:fullscreen]:content-center [&:fullscreen]:bg-background",
        className,
      )}
    >
      {video ? (
        <video
          ref={attach}
          src={src}
          preload="metadata"
          playsInline
          onClick={togglePlay}
          aria-label="Video of the recording"
          className={cn(
            "mx-auto max-h-[28vh] w-full rounded-md bg-black object-contain sm:max-h-[40vh]",
            fullscreen && "max-h-[calc(100vh-9rem)] sm:max-h-[calc(100vh-9rem)]",
          )}
        >
          {captions ? <track key={captions.src} kind="captions" src={captions.src} srcLang={captions.lang ?? undefined} label="Transcript" default /> : null}
        </video>
      ) : (
        <audio ref={attach} src={src} preload="metadata" />
      )}
      {peaksSrc && !error ? <Waveform src={peaksSrc} /> : null}
      <PlayerControls
        durationHint={durationHint}
        disabled={!!error}
        video={video ? { fullscreen, toggleFullscreen, captions: captions ? captionsOn : null, toggleCaptions } : null}
      />
      {error ? (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </section>
  );
}
