"use client";

// The waveform is a bonus: wavesurfer.js draws it over the same media element (its
// `media` option), so clicking it seeks the one player. It downloads and decodes the
// whole file in the browser, so the page only asks for it on small audio files; if
// it fails for any reason it disappears and the controls carry on.
import { useTheme } from "next-themes";
import { useEffect, useRef, useState } from "react";
import type WaveSurfer from "wavesurfer.js";
import { usePlayer } from "@/components/player/player-context";
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

export function Waveform({ className }: { className?: string }) {
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
    import("wavesurfer.js").then(
      ({ default: WaveSurferClass }) => {
        if (disposed) return;
        try {
          instance = WaveSurferClass.create({
            container: element,
            media,
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
      surfer.current = null;
      instance?.destroy();
    };
  }, [media]);

  useEffect(() => {
    // next-themes swaps the class on <html> in its own effect, which runs after this
    // one (parents after children): read the colors on the next frame.
    const frame = requestAnimationFrame(() => surfer.current?.setOptions(themeColors()));
    return () => cancelAnimationFrame(frame);
  }, [resolvedTheme]);

  if (state === "failed") return null;
  // aria-hidden: the seek slider below is the accessible way to do the same thing.
  return (
    <div aria-hidden className={cn("relative", className)} style={{ height: HEIGHT }}>
      {state === "loading" ? <div className="absolute inset-x-0 top-1/2 h-px -translate-y-1/2 animate-pulse bg-muted-foreground/40" /> : null}
      <div ref={container} className={cn("h-full cursor-pointer transition-opacity", state === "loading" && "opacity-0")} />
    </div>
  );
}
