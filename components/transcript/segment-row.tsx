"use client";

import { Fragment, memo, type MouseEvent } from "react";
import { useMediaValue, usePlayer } from "@/components/player/player-context";
import { findActiveIndex } from "@/components/transcript/find-segment";
import { formatTimestamp } from "@/lib/format";
import { cn } from "@/lib/utils";

export type TranscriptWord = { word: string; start: number; end: number };

export type TranscriptSegment = {
  id: number;
  index: number;
  start: number;
  end: number;
  text: string;
  speaker: string | null;
  words: TranscriptWord[] | null;
  edited: boolean;
};

type SegmentRowProps = { segment: TranscriptSegment; active: boolean; onSeek: (time: number) => void };

/**
 * One segment. Memoized: while playing, only the row that becomes active and the
 * one that stops being active re-render. Word spans exist only in the active row
 * (after an edit the word timings no longer match the text, so then none at all).
 */
export const SegmentRow = memo(function SegmentRow({ segment, active, onSeek }: SegmentRowProps) {
  const words = active && !segment.edited && segment.words?.length ? segment.words : null;
  const onTextClick = (event: MouseEvent<HTMLElement>) => {
    // Selecting text to copy it should not move the player.
    if (window.getSelection()?.toString()) return;
    const wordStart = (event.target as HTMLElement).closest<HTMLElement>("[data-word-start]")?.dataset.wordStart;
    onSeek(wordStart ? Number(wordStart) : segment.start);
  };
  const time = formatTimestamp(segment.start);
  return (
    <li
      data-testid="segment"
      aria-current={active ? "true" : undefined}
      className={cn(
        "grid grid-cols-[auto_minmax(0,1fr)] items-baseline gap-3 rounded-md border-l-2 border-transparent px-2 py-1.5 hover:bg-muted/70 sm:px-3",
        active && "border-primary bg-accent hover:bg-accent",
      )}
    >
      <button
        type="button"
        data-seek
        onClick={() => onSeek(segment.start)}
        aria-label={`Play from ${time}`}
        className={cn(
          "min-w-13 rounded px-1 text-left font-mono text-xs tabular-nums text-muted-foreground hover:text-primary focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
          active && "text-primary",
        )}
      >
        {time}
      </button>
      <p onClick={onTextClick} className="min-w-0 cursor-pointer leading-relaxed">
        {segment.speaker ? <span className="block text-xs font-medium text-muted-foreground">{segment.speaker}</span> : null}
        {words ? <ActiveWords words={words} /> : segment.text.trim()}
        {segment.edited ? <span className="ml-2 text-xs text-muted-foreground">(edited)</span> : null}
      </p>
    </li>
  );
});

function ActiveWords({ words }: { words: TranscriptWord[] }) {
  const { media } = usePlayer();
  const current = useMediaValue(media, (time) => findActiveIndex(words, time), -1, true);
  return words.map((word, i) => {
    // Whisper's words carry their leading space; keep it outside the highlight.
    const text = word.word.trimStart();
    return (
      <Fragment key={i}>
        {text.length < word.word.length ? " " : null}
        <span
          data-word-start={word.start}
          className={cn("rounded-sm transition-colors", i === current && "bg-primary/20 text-foreground underline decoration-primary decoration-2 underline-offset-4")}
        >
          {text}
        </span>
      </Fragment>
    );
  });
}
