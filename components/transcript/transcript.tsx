"use client";

import { LocateFixed, MicOff, TriangleAlert } from "lucide-react";
import type { RestartOptions } from "@/components/jobs/job-restart-dialog";
import { startTransition, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useMediaValue, usePlayer } from "@/components/player/player-context";
import type { FindHighlight } from "@/components/transcript/find-cursor";
import { FindReplace } from "@/components/transcript/find-replace";
import { ReviewBar } from "@/components/transcript/review-bar";
import { findActiveIndex } from "@/components/transcript/find-segment";
import { SegmentRow, type TranscriptSegment } from "@/components/transcript/segment-row";
import { SpeakerFilter } from "@/components/transcript/speaker-filter";
import { SpeakersProvider } from "@/components/transcript/speaker-name";
import { TranscriptEditsProvider, type TranscriptEditsApi } from "@/components/transcript/transcript-edits";
import { TranscriptToolbar } from "@/components/transcript/transcript-toolbar";
import { useFollowScroll } from "@/components/transcript/use-follow-scroll";
import { useSegmentShortcuts } from "@/components/transcript/use-segment-shortcuts";
import { useStatusLine } from "@/components/transcript/use-status-line";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import type { ModelChoice } from "@/components/upload/transcription-options";
import { compileHighlights, highlightRanges } from "@/lib/search/highlight";
import type { TermPattern } from "@/lib/search/query";
import { isLowProbability, suspectReasons } from "@/lib/transcripts/confidence";
import { cn } from "@/lib/utils";

const FIRST_ROWS = 150;

type TranscriptProps = {
  jobId: string;
  segments: TranscriptSegment[];
  undoCount: number;
  redoCount: number;
  /** The job's options, the starting point for re-transcribing a span. */
  current: RestartOptions;
  /** Installed models, or null while the job is queued or running (no span can be queued then). */
  models: ModelChoice[] | null;
  /** The terms of the search this page was opened from (?q=), marked in the text. */
  highlight?: TermPattern[];
};

/**
 * The transcript, following the player and correctable in place. Only the active
 * index lives in state, so a frame of playback costs a binary search and, at a
 * segment boundary, two row renders, even with thousands of segments.
 */
export function Transcript({ jobId, segments, undoCount, redoCount, current, models, highlight }: TranscriptProps) {
  const { media, seek } = usePlayer();
  const active = useMediaValue(media, (time) => findActiveIndex(segments, time), -1, true);
  const list = useRef<HTMLOListElement>(null);
  // The server renders the first rows only; the rest follow right after hydration,
  // which keeps the page's HTML and server time small for long recordings.
  const [rows, setRows] = useState(Math.min(segments.length, FIRST_ROWS));
  useEffect(() => {
    if (rows < segments.length) startTransition(() => setRows(segments.length));
  }, [rows, segments.length]);
  const { offerFollow, follow, resume, reveal } = useFollowScroll(list, media, active, rows);
  const onSeek = useCallback(
    (time: number) => {
      resume();
      seek(time, { play: true });
    },
    [resume, seek],
  );

  const status = useStatusLine();
  const pendingFocus = useRef<number | null>(null);
  // Typing through the transcript: a row's editor opens its neighbour's (Enter, Alt+↓/↑).
  const editors = useRef(new Map<number, () => void>());
  const segmentsRef = useRef(segments);
  useEffect(() => {
    segmentsRef.current = segments;
  });
  const edits = useMemo<TranscriptEditsApi>(
    () => ({
      jobId,
      announce: status.announce,
      focusAfterRefresh: (index) => void (pendingFocus.current = index),
      registerEditor(segmentId, open) {
        editors.current.set(segmentId, open);
        return () => {
          if (editors.current.get(segmentId) === open) editors.current.delete(segmentId);
        };
      },
      openNeighbour(index, delta) {
        // Rows hidden by the speaker filter have no editor: go on to the next shown one.
        const list = segmentsRef.current;
        for (let i = index + delta; i >= 0 && i < list.length; i += delta) {
          const open = editors.current.get(list[i].id);
          if (open) {
            open();
            return true;
          }
        }
        return false;
      },
    }),
    [jobId, status.announce],
  );
  useEffect(() => {
    // A split or merge changes which segment is playing without the time moving; have the index worked out again.
    media?.dispatchEvent(new Event("timeupdate"));
    // Split, merge and undo replace rows, and the focus with them.
    const index = pendingFocus.current;
    if (index === null) return;
    pendingFocus.current = null;
    list.current?.children[index]?.querySelector<HTMLElement>("[data-row-focus]")?.focus();
  }, [segments, media]);

  const [findOpen, setFindOpen] = useState(false);
  const [findMarks, setFindMarks] = useState<FindHighlight | null>(null);
  const closeFind = useCallback(() => {
    setFindOpen(false);
    document.querySelector<HTMLElement>("[data-find-toggle]")?.focus();
  }, []);
  const onFind = useCallback(
    (toggle: boolean) => {
      if (toggle && findOpen) return closeFind();
      setFindOpen(true);
      // Already open: the shortcut goes back to the Find field (a new panel focuses it itself).
      document.querySelector<HTMLInputElement>("[data-find-field]")?.focus();
    },
    [closeFind, findOpen],
  );
  const jump = useCallback(
    (segmentId: number) => {
      const i = segments.findIndex((s) => s.id === segmentId);
      if (i < 0) return;
      resume();
      seek(segments[i].start);
      reveal(i, true);
    },
    [resume, reveal, seek, segments],
  );

  // Speakers in order of first appearance: their colours, the filter and what merge offers.
  const speakers = useMemo(() => [...new Set(segments.flatMap((s) => (s.speaker ? [s.speaker] : [])))], [segments]);
  const [onlySpeaker, setOnlySpeaker] = useState<string | null>(null);
  const shownSpeaker = onlySpeaker && speakers.includes(onlySpeaker) ? onlySpeaker : null;

  useSegmentShortcuts(media, segments, jump);

  // Patterns arrive as a new array on every server render; their JSON is what matters.
  const highlightKey = JSON.stringify(highlight ?? []);
  const expressions = useMemo(() => compileHighlights(JSON.parse(highlightKey) as TermPattern[]), [highlightKey]);
  const marked = useMemo(
    () => (expressions.length ? segments.filter((s) => highlightRanges(s.text, expressions).length > 0).length : 0),
    [expressions, segments],
  );

  const suspects = useMemo(() => segments.filter((s) => suspectReasons(s).length > 0), [segments]);
  const uncertainWords = useMemo(() => segments.some((s) => !s.edited && s.words?.some((w) => isLowProbability(w.probability))), [segments]);
  const [reviewing, setReviewing] = useState(false);
  const [reviewId, setReviewId] = useState<number | null>(null);
  const reviewAt = suspects.findIndex((s) => s.id === reviewId);
  const moveReview = useCallback(
    (delta: 1 | -1) => {
      if (suspects.length === 0) return;
      const next = reviewAt < 0 ? (delta === 1 ? 0 : suspects.length - 1) : (reviewAt + delta + suspects.length) % suspects.length;
      setReviewId(suspects[next].id);
      jump(suspects[next].id);
    },
    [jump, reviewAt, suspects],
  );
  const closeReview = useCallback(() => {
    setReviewing(false);
    setReviewId(null);
    document.querySelector<HTMLElement>("[data-review-toggle]")?.focus();
  }, []);

  if (segments.length === 0) {
    return (
      <EmptyState icon={<MicOff />} title="No speech was found in this recording.">
        Whisper listened to all of it and heard nothing it could write down. If there is speech, restarting with another model or with the language set may
        help.
      </EmptyState>
    );
  }

  return (
    <TranscriptEditsProvider value={edits}>
      <SpeakersProvider speakers={speakers}>
        <section aria-labelledby="transcript-heading" className="grid gap-2">
          <div className="flex flex-wrap items-center justify-between gap-2 px-1">
            <div className="grid">
              <h2 id="transcript-heading" className="text-lg font-semibold">
                Transcript
              </h2>
              <p className="text-xs text-muted-foreground">
                {segments.length} {segments.length === 1 ? "segment" : "segments"}
                <span className="max-sm:hidden"> · click one to play from there, press E on one to correct it</span>
                {expressions.length ? <span data-testid="search-marked"> · {marked} marked from your search</span> : null}
                {uncertainWords ? (
                  <span>
                    {" "}
                    · <span className="rounded-sm bg-amber-200/60 underline decoration-dotted underline-offset-4 dark:bg-amber-500/25">dotted underline</span>:
                    uncertain word
                  </span>
                ) : null}
              </p>
            </div>
            <div className="flex flex-wrap items-center justify-end gap-x-3 gap-y-1">
              <p
                aria-live="polite"
                data-testid="transcript-status"
                className={cn("text-xs", status.tone === "error" ? "text-destructive" : "text-muted-foreground")}
              >
                {status.message}
              </p>
              {speakers.length > 1 ? <SpeakerFilter speakers={speakers} value={shownSpeaker} onChange={setOnlySpeaker} /> : null}
              <Button
                variant={reviewing ? "secondary" : "outline"}
                size="sm"
                data-review-toggle
                data-testid="review-toggle"
                aria-expanded={reviewing}
                onClick={() => (reviewing ? closeReview() : setReviewing(true))}
                title="Step through the segments the model was unsure of"
              >
                <TriangleAlert />
                Review ({suspects.length})
              </Button>
              <TranscriptToolbar undoCount={undoCount} redoCount={redoCount} findOpen={findOpen} onFind={onFind} />
            </div>
          </div>
          {reviewing ? (
            <ReviewBar
              jobId={jobId}
              suspects={suspects}
              at={reviewAt}
              onMove={moveReview}
              onClose={closeReview}
              current={current}
              models={models}
              announce={status.announce}
            />
          ) : null}
          {findOpen ? <FindReplace version={segments} onJump={jump} onClose={closeFind} onHighlight={setFindMarks} /> : null}
          <ol ref={list} className="grid gap-0.5">
            {segments
              .slice(0, rows)
              .map((segment, i) =>
                shownSpeaker && segment.speaker !== shownSpeaker ? null : (
                  <SegmentRow
                    key={segment.id}
                    highlight={expressions}
                    segment={segment}
                    active={i === active}
                    last={i === segments.length - 1}
                    onSeek={onSeek}
                    reviewing={reviewing && segment.id === reviewId}
                    marks={findMarks?.bySegment.get(segment.id)}
                    currentMark={findMarks?.current?.segmentId === segment.id ? findMarks.current.at : null}
                  />
                ),
              )}
          </ol>
          {offerFollow && active >= 0 ? (
            <Button onClick={follow} className="fixed bottom-4 right-4 z-20 shadow-lg" aria-label="Follow the playing segment">
              <LocateFixed />
              Follow
            </Button>
          ) : null}
        </section>
      </SpeakersProvider>
    </TranscriptEditsProvider>
  );
}
