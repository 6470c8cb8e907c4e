"use client";

import { LocateFixed, MicOff } from "lucide-react";
import { startTransition, useCallback, useEffect, useRef, useState } from "react";
import { useMediaValue, usePlayer } from "@/components/player/player-context";
import { findActiveIndex } from "@/components/transcript/find-segment";
import { SegmentRow, type TranscriptSegment } from "@/components/transcript/segment-row";
import { useFollowScroll } from "@/components/transcript/use-follow-scroll";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

const FIRST_ROWS = 150;

/**
 * The transcript, following the player. Only the active index lives in state, so a
 * frame of playback costs a binary search and, at a segment boundary, two row
 * renders, even with thousands of segments.
 */
export function Transcript({ segments }: { segments: TranscriptSegment[] }) {
  const { media, seek } = usePlayer();
  const active = useMediaValue(media, (time) => findActiveIndex(segments, time), -1, true);
  const list = useRef<HTMLOListElement>(null);
  // The server renders the first rows only; the rest follow right after hydration,
  // which keeps the page's HTML and server time small for long recordings.
  const [rows, setRows] = useState(Math.min(segments.length, FIRST_ROWS));
  useEffect(() => {
    if (rows < segments.length) startTransition(() => setRows(segments.length));
  }, [rows, segments.length]);
  const { offerFollow, follow, resume } = useFollowScroll(list, media, active, rows);
  const onSeek = useCallback(
    (time: number) => {
      resume();
      seek(time, { play: true });
    },
    [resume, seek],
  );

  if (segments.length === 0) {
    return (
      <EmptyState icon={<MicOff />} title="No speech was found in this recording.">
        Whisper listened to all of it and heard nothing it could write down. If there is speech, restarting with another model or with
        the language set may help.
      </EmptyState>
    );
  }

  return (
    <section aria-labelledby="transcript-heading" className="grid gap-2">
      <div className="flex items-baseline justify-between gap-2 px-1">
        <h2 id="transcript-heading" className="text-lg font-semibold">
          Transcript
        </h2>
        <p className="text-xs text-muted-foreground">
          {segments.length} {segments.length === 1 ? "segment" : "segments"}
          <span className="max-sm:hidden"> · click one to play from there</span>
        </p>
      </div>
      <ol ref={list} className="grid gap-0.5">
        {segments.slice(0, rows).map((segment, i) => (
          <SegmentRow key={segment.id} segment={segment} active={i === active} onSeek={onSeek} />
        ))}
      </ol>
      {offerFollow && active >= 0 ? (
        <Button onClick={follow} className="fixed bottom-4 right-4 z-20 shadow-lg" aria-label="Follow the playing segment">
          <LocateFixed />
          Follow
        </Button>
      ) : null}
    </section>
  );
}
