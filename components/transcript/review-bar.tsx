"use client";

import { ChevronLeft, ChevronRight, X } from "lucide-react";
import { useEffect, useRef } from "react";
import type { RestartOptions } from "@/components/jobs/job-restart-dialog";
import type { TranscriptSegment } from "@/components/transcript/segment-row";
import { SpanDialog } from "@/components/transcript/span-dialog";
import type { ModelChoice } from "@/components/upload/transcription-options";
import { Button } from "@/components/ui/button";
import { formatTimestamp } from "@/lib/format";
import { SUSPECT_LABELS, suspectReasons } from "@/lib/transcripts/confidence";

const OWNS_KEYS = "input, textarea, select, [contenteditable]:not([contenteditable='false']), [role='menu'], [role='dialog'], [role='alertdialog']";

type Props = {
  jobId: string;
  suspects: TranscriptSegment[];
  /** Position in `suspects`, or -1 before the first step. */
  at: number;
  onMove: (delta: 1 | -1) => void;
  onClose: () => void;
  current: RestartOptions;
  /** Installed models, or null while the job is not finished (nothing can be queued then). */
  models: ModelChoice[] | null;
  announce: (message: string) => void;
};

/** Review mode: steps through the suspect segments (N / P, Escape to leave), each with "Re-transcribe this span". */
export function ReviewBar({ jobId, suspects, at, onMove, onClose, current, models, announce }: Props) {
  const segment = at >= 0 ? suspects[at] : undefined;
  const latest = useRef({ onMove, onClose });
  useEffect(() => {
    latest.current = { onMove, onClose };
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target instanceof Element ? event.target : null;
      if (target?.closest(OWNS_KEYS) || document.querySelector("[role='dialog'], [role='menu']")) return;
      const key = event.key.toLowerCase();
      if (key === "n" || key === "p") {
        event.preventDefault();
        latest.current.onMove(key === "n" ? 1 : -1);
      } else if (event.key === "Escape") latest.current.onClose();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);

  return (
    <div
      role="region"
      aria-label="Review"
      data-testid="review-bar"
      className="grid gap-2 rounded-md border border-amber-500/60 bg-amber-50/60 p-3 text-sm dark:bg-amber-950/30"
    >
      <div className="flex flex-wrap items-center gap-2">
        <p aria-live="polite" data-testid="review-position" className="mr-auto">
          {suspects.length === 0
            ? "Nothing to review: no segment looks doubtful."
            : segment
              ? `Segment ${at + 1} of ${suspects.length} to review, at ${formatTimestamp(segment.start)}: ${suspectReasons(segment)
                  .map((r) => SUSPECT_LABELS[r])
                  .join(", ")}.`
              : `${suspects.length} ${suspects.length === 1 ? "segment" : "segments"} to review. Press N for the next, P for the previous.`}
        </p>
        <Button variant="outline" size="sm" onClick={() => onMove(-1)} disabled={suspects.length === 0} aria-keyshortcuts="P" title="Previous (P)">
          <ChevronLeft />
          Previous
        </Button>
        <Button
          variant="outline"
          size="sm"
          onClick={() => onMove(1)}
          disabled={suspects.length === 0}
          aria-keyshortcuts="N"
          title="Next (N)"
          data-testid="review-next"
        >
          Next
          <ChevronRight />
        </Button>
        {segment ? (
          <SpanDialog
            key={segment.id}
            jobId={jobId}
            start={segment.start}
            end={segment.end}
            current={current}
            models={models ?? []}
            onQueued={() => announce("Queued: this span is being transcribed again. Only its segments will change.")}
          />
        ) : null}
        <Button variant="ghost" size="icon" className="size-8" onClick={onClose} aria-label="Leave review mode" title="Leave review (Escape)">
          <X />
        </Button>
      </div>
      <p className="text-xs text-muted-foreground">
        Flagged: decoded again at a higher temperature, low confidence (average log-probability under −1), repeated text (compression ratio over 2.4), or text
        where the model heard no speech. Uncertain words (under 50% sure) have a dotted underline.
      </p>
    </div>
  );
}
