"use client";

import { useEffect, useState } from "react";
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
  waveform: boolean;
  className?: string;
};

function mediaErrorText(error: MediaError | null): string {
  if (error?.code === MediaError.MEDIA_ERR_NETWORK) return "The connection dropped while loading the recording. Reload the page to try again.";
  if (error?.code === MediaError.MEDIA_ERR_DECODE) return "Your browser could not decode this recording.";
  return "The recording could not be loaded: its file may be missing from storage, or your browser cannot play this format.";
}

export function MediaPlayer({ src, video, durationHint, startAt, waveform, className }: MediaPlayerProps) {
  const player = usePlayer();
  const { media, attach, togglePlay } = player;
  const [error, setError] = useState<string | null>(null);
  usePlayerShortcuts(player);

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
      aria-label="Player"
      data-sticky-player
      className={cn(
        "sticky top-14 z-20 -mx-4 grid gap-3 border-b bg-background/95 px-4 py-3 backdrop-blur sm:mx-0 sm:rounded-lg sm:border sm:bg-card sm:px-4 sm:shadow-sm",
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
          className="mx-auto max-h-[28vh] w-full rounded-md bg-black object-contain sm:max-h-[40vh]"
        />
      ) : (
        <audio ref={attach} src={src} preload="metadata" />
      )}
      {waveform && !video && !error ? <Waveform /> : null}
      <PlayerControls durationHint={durationHint} disabled={!!error} />
      {error ? (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </section>
  );
}
