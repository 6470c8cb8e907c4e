"use client";

import { Captions, CaptionsOff, Maximize, Minimize, Pause, Play, RotateCcw, RotateCw, Volume2, VolumeX } from "lucide-react";
import { useEffect, useState, type KeyboardEvent } from "react";
import { useMediaValue, usePlayer } from "@/components/player/player-context";
import { ShortcutsHelp } from "@/components/player/shortcuts-help";
import { SKIP_SECONDS, SPEEDS } from "@/components/player/use-player-shortcuts";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/native-select";
import { formatDuration, formatTimestamp } from "@/lib/format";

type VideoControls = { fullscreen: boolean; toggleFullscreen: () => void; captions: boolean | null; toggleCaptions: () => void };

type Props = {
  /** The decoder's duration, as the job's facts show it; the browser's own is used only when it is not known. */
  durationHint: number | null;
  disabled?: boolean;
  video?: VideoControls | null;
};

export function PlayerControls({ durationHint, disabled = false, video = null }: Props) {
  const player = usePlayer();
  const { togglePlay, skip, seek } = player;
  // Nothing to control while the element is missing or its source failed.
  const media = disabled ? null : player.media;
  const [browserDuration, setBrowserDuration] = useState(0);
  // One duration everywhere: the decoder's (the facts show the same), not the container's guess.
  const duration = durationHint ?? browserDuration;
  const [paused, setPaused] = useState(true);
  const [rate, setRate] = useState(1);
  const [muted, setMuted] = useState(false);

  // Tenths of a second are enough for the slider and the clock.
  const time = useMediaValue(media, (t) => Math.floor(t * 10) / 10, 0);
  useEffect(() => {
    if (!media) return;
    const sync = () => {
      setPaused(media.paused);
      setRate(media.playbackRate);
      setMuted(media.muted);
      if (Number.isFinite(media.duration) && media.duration > 0) setBrowserDuration(media.duration);
    };
    const events = ["play", "pause", "ended", "ratechange", "volumechange", "durationchange", "loadedmetadata"];
    for (const name of events) media.addEventListener(name, sync);
    sync();
    return () => {
      for (const name of events) media.removeEventListener(name, sync);
    };
  }, [media]);

  // The native slider steps a tenth of a second per arrow key; skip like the page shortcuts instead.
  const onSliderKey = (event: KeyboardEvent<HTMLInputElement>) => {
    const step = { ArrowLeft: -SKIP_SECONDS, ArrowDown: -SKIP_SECONDS, ArrowRight: SKIP_SECONDS, ArrowUp: SKIP_SECONDS, PageDown: -30, PageUp: 30 }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    skip(step);
  };

  return (
    <div className="grid gap-2">
      <input
        type="range"
        aria-label="Seek"
        aria-valuetext={`${formatTimestamp(time)} of ${formatDuration(duration)}`}
        min={0}
        max={duration || 0}
        step={0.1}
        value={Math.min(time, duration || 0)}
        disabled={!media || !duration}
        onChange={(event) => seek(Number(event.target.value))}
        onKeyDown={onSliderKey}
        className="h-2 w-full cursor-pointer accent-primary disabled:cursor-default"
      />
      <div className="flex flex-wrap items-center gap-1 sm:gap-2">
        <Button
          variant="ghost"
          size="icon"
          onClick={() => skip(-SKIP_SECONDS)}
          disabled={!media}
          aria-label={`Back ${SKIP_SECONDS} seconds`}
          aria-keyshortcuts="ArrowLeft"
          title="Back 5 s (←)"
        >
          <RotateCcw />
        </Button>
        <Button
          size="icon"
          className="rounded-full"
          onClick={togglePlay}
          disabled={!media}
          aria-label={paused ? "Play" : "Pause"}
          aria-keyshortcuts="Space"
          title={paused ? "Play (Space)" : "Pause (Space)"}
        >
          {paused ? <Play className="translate-x-px" /> : <Pause />}
        </Button>
        <Button
          variant="ghost"
          size="icon"
          onClick={() => skip(SKIP_SECONDS)}
          disabled={!media}
          aria-label={`Forward ${SKIP_SECONDS} seconds`}
          aria-keyshortcuts="ArrowRight"
          title="Forward 5 s (→)"
        >
          <RotateCw />
        </Button>
        <p className="ml-1 whitespace-nowrap font-mono text-sm tabular-nums">
          <span className="sr-only">Position </span>
          <span data-testid="player-time">{formatTimestamp(time)}</span>
          <span className="text-muted-foreground"> / {formatDuration(duration)}</span>
        </p>
        <div className="ml-auto flex items-center gap-1">
          <NativeSelect
            aria-label="Playback speed"
            aria-keyshortcuts="< >"
            wrapperClassName="w-[5.5rem]"
            className="h-8 text-xs"
            value={String(rate)}
            disabled={!media}
            onChange={(event) => {
              if (media) media.playbackRate = Number(event.target.value);
            }}
          >
            {(SPEEDS.includes(rate) ? SPEEDS : [...SPEEDS, rate].sort((a, b) => a - b)).map((speed) => (
              <option key={speed} value={String(speed)}>
                {speed}×
              </option>
            ))}
          </NativeSelect>
          <Button
            variant="ghost"
            size="icon"
            onClick={() => {
              if (media) media.muted = !media.muted;
            }}
            disabled={!media}
            aria-label={muted ? "Unmute" : "Mute"}
          >
            {muted ? <VolumeX /> : <Volume2 />}
          </Button>
          {video && video.captions !== null ? (
            <Button
              variant="ghost"
              size="icon"
              onClick={video.toggleCaptions}
              disabled={!media}
              aria-label={video.captions ? "Hide captions" : "Show captions"}
              aria-pressed={video.captions}
              aria-keyshortcuts="C"
              title={video.captions ? "Hide captions (C)" : "Show captions (C)"}
            >
              {video.captions ? <Captions /> : <CaptionsOff />}
            </Button>
          ) : null}
          {video ? (
            <Button
              variant="ghost"
              size="icon"
              onClick={video.toggleFullscreen}
              disabled={!media}
              aria-label={video.fullscreen ? "Exit full screen" : "Full screen"}
              aria-keyshortcuts="F"
              title={video.fullscreen ? "Exit full screen (F)" : "Full screen (F)"}
            >
              {video.fullscreen ? <Minimize /> : <Maximize />}
            </Button>
          ) : null}
          <ShortcutsHelp />
        </div>
      </div>
    </div>
  );
}
