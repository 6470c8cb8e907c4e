"use client";

import { Pause, Play, RotateCcw, RotateCw, Volume2, VolumeX } from "lucide-react";
import { useEffect, useState, type KeyboardEvent } from "react";
import { useMediaValue, usePlayer } from "@/components/player/player-context";
import { SKIP_SECONDS } from "@/components/player/use-player-shortcuts";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/native-select";
import { formatDuration, formatTimestamp } from "@/lib/format";

const SPEEDS = [0.75, 1, 1.25, 1.5, 1.75, 2];

export function PlayerControls({ durationHint, disabled = false }: { durationHint: number | null; disabled?: boolean }) {
  const player = usePlayer();
  const { togglePlay, skip, seek } = player;
  // Nothing to control while the element is missing or its source failed.
  const media = disabled ? null : player.media;
  const [duration, setDuration] = useState(durationHint ?? 0);
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
      if (Number.isFinite(media.duration) && media.duration > 0) setDuration(media.duration);
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
        </div>
      </div>
    </div>
  );
}
