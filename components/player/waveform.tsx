"use client";

// The waveform is a bonus: wavesurfer.js draws it over the same media element (its
// `media` option), so clicking it seeks the one player. It draws the peaks the server
// computed once (GET /api/jobs/:id/peaks, lib/peaks), never the media itself, so a
// recording of any length gets one for a few kilobytes; if they cannot be had for any
// reason it disappears and the controls carry on.
import { useTheme } from "next-themes";
import { useEffect, useRef, useState } from "react";
import type WaveSurfer from "wavesurfer.js";
import { usePlayer } from "@/components/player/player-context";
import { decodePeaks } from "@/lib/peaks/format";
import { cn } from "@/lib/utils";

const HEIGHT = 48;

function themeColors() {
  const css = getComputedStyle(document.documentElement);
  const read = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    waveColor: read("--muted-foreground", "#8a8fa3"),
    progressColor: read("--primary", "#3b4bb0"),
    cursorColor: read("--foreground", "#222"),
  };
}

async function loadPeaks(src: string, signal: AbortSignal): Promise<{ peaks: Float32Array; duration: number }> {
  const response = await fetch(src, { signal });
  if (!response.ok) throw new Error(`peaks answered ${response.status}`);
  const parsed = decodePeaks(new Uint8Array(await response.arrayBuffer()));
  if (!parsed) throw new Error("not a peaks file");
  return { peaks: Float32Array.from(parsed.values, (v) => v / 255), duration: parsed.durationSec };
}

export function Waveform({ src, className }: { src: string; className?: string }) {
  const { media } = usePlayer();
  const container = useRef<HTMLDivElement>(null);
  const surfer = useRef<WaveSurfer | null>(null);
  const [state, setState] = useState<"loading" | "ready" | "failed">("loading");
  const { resolvedTheme } = useTheme();

  useEffect(() => {
    const element = container.current;
    if (!media || !element) return;
    let disposed = false;
    let instance: WaveSurfer | null = null;
    const aborter = new AbortController();
    Promise.all([import("wavesurfer.js"), loadPeaks(src, aborter.signal)]).then(
      ([{ default: WaveSurferClass }, { peaks, duration }]) => {
        if (disposed) return;
        try {
          instance = WaveSurferClass.create({
            container: element,
            media,
            peaks: [peaks],
            duration,
            height: HEIGHT,
            barWidth: 2,
            barGap: 1,
            barRadius: 1,
            cursorWidth: 2,
            normalize: true,
            dragToSeek: true,
            hideScrollbar: true,
            ...themeColors(),
          });
        } catch {
          setState("failed");
          return;
        }
        instance.on("ready", () => setState("ready"));
        instance.on("error", () => setState("failed"));
        surfer.current = instance;
      },
      () => setState("failed"),
    );
    return () => {
      disposed = true;
      aborter.abort();
      surfer.current = null;
      instance?.destroy();
    };
  }, [media, src]);

  useEffect(() => {
    // next-themes swaps the class on <html> in its own effect, which runs after this
    // one (parents after children): read the colors on the next frame.
    const frame = requestAnimationFrame(() => surfer.current?.setOptions(themeColors()));
    return () => cancelAnimationFrame(frame);
  }, [resolvedTheme]);

  if (state === "failed") return null;
  // aria-hidden: the seek slider below is the accessible way to do the same thing.
  return (
    <div aria-hidden data-testid="waveform" data-state={state} className={cn("relative", className)} style={{ height: HEIGHT }}>
      {state === "loading" ? <div className="absolute inset-x-0 top-1/2 h-px -translate-y-1/2 animate-pulse bg-muted-foreground/40" /> : null}
      <div ref={container} className={cn("h-full cursor-pointer transition-opacity", state === "loading" && "opacity-0")} />
    </div>
  );
}
