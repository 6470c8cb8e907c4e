"use client";

import { Pencil, TriangleAlert } from "lucide-react";
import { Fragment, memo, useEffect, useId, useRef, useState, type KeyboardEvent, type MouseEvent } from "react";
import { useMediaValue, usePlayer } from "@/components/player/player-context";
import { clearDraft, readDraft, writeDraft } from "@/components/transcript/drafts";
import { EditedMarker } from "@/components/transcript/edited-marker";
import { MatchText } from "@/components/transcript/match-text";
import { findActiveIndex } from "@/components/transcript/find-segment";
import { SegmentEditor } from "@/components/transcript/segment-editor";
import { SegmentMenu } from "@/components/transcript/segment-menu";
import { SegmentTimes } from "@/components/transcript/segment-times";
import { SpeakerName } from "@/components/transcript/speaker-name";
import { useSegmentCommands } from "@/components/transcript/use-segment-commands";
import { useTranscriptEdits } from "@/components/transcript/transcript-edits";
import { Button } from "@/components/ui/button";
import { formatTimestamp } from "@/lib/format";
import { highlightRanges, wordHits } from "@/lib/search/highlight";
import { isLowProbability, SUSPECT_LABELS, suspectReasons } from "@/lib/transcripts/confidence";
import type { Confidence } from "@/lib/transcripts/range";
import type { SegmentFields } from "@/lib/transcripts/segment";
import { spacedWords, type Word } from "@/lib/transcripts/words";
import { cn } from "@/lib/utils";

export type TranscriptSegment = SegmentFields & Confidence & { id: number; index: number; words: Word[] | null };

type SegmentRowProps = {
  segment: TranscriptSegment;
  active: boolean;
  last: boolean;
  onSeek: (time: number) => void;
  /** The segment Review mode is on. */
  reviewing?: boolean;
  /** Find matches in this segment's text, marked while the find panel is open. */
  marks?: [number, number][];
  /** Where the find panel's current match starts, when it is in this segment. */
  currentMark?: number | null;
  /** The terms of the search this page was opened from, to mark in the text (compileHighlights). */
  highlight?: RegExp[];
};

const NO_HIGHLIGHT: RegExp[] = [];
type Mode = { kind: "text"; draft: string; restored?: boolean } | { kind: "times" } | null;

const sameText = (a: string, b: string) => a.replace(/\s+/g, " ").trim() === b.replace(/\s+/g, " ").trim();

const FIELD = "input, textarea, select, [contenteditable]";

/**
 * One segment: click its text to play from there; correct it in place. Memoized:
 * while playing, only the row that becomes active and the one that stops being
 * active re-render. Word spans exist only in the active row (after an edit the word
 * timings no longer match the text, so then none at all).
 */
export const SegmentRow = memo(function SegmentRow({
  segment,
  active,
  last,
  onSeek,
  reviewing = false,
  marks,
  currentMark = null,
  highlight = NO_HIGHLIGHT,
}: SegmentRowProps) {
  const commands = useSegmentCommands(segment);
  const [mode, setMode] = useState<Mode>(null);
  const pencil = useRef<HTMLButtonElement>(null);
  const errorId = useId();
  const time = formatTimestamp(segment.start);
  const optimistic = commands.text !== segment.text;
  const timed = !segment.edited && !optimistic && segment.words?.length ? segment.words : null;
  const words = active ? timed : null;
  // Uncertain words are marked in every row, so they can be seen without playing.
  const shaded = !active && timed?.some((w) => isLowProbability(w.probability)) ? timed : null;
  const reasons = suspectReasons(segment);

  const { jobId, registerEditor, openNeighbour } = useTranscriptEdits();

  const edit = () => {
    commands.clearError();
    setMode({ kind: "text", draft: commands.text.trim() });
  };
  const close = () => {
    setMode(null);
    requestAnimationFrame(() => pencil.current?.focus());
  };
  const forget = () => clearDraft(jobId, segment.id);
  const save = (text: string, then: () => void) => {
    then();
    commands.save(text, () => setMode({ kind: "text", draft: text }), forget);
  };

  // The neighbours' Enter and Alt+↑/↓ open this row's editor.
  const openRef = useRef(edit);
  useEffect(() => {
    openRef.current = edit;
  });
  useEffect(() => registerEditor(segment.id, () => openRef.current()), [registerEditor, segment.id]);

  // A correction left unsaved on an earlier visit opens again, as it was typed.
  useEffect(() => {
    const draft = readDraft(jobId, segment.id);
    if (draft === null) return;
    if (sameText(draft, segment.text)) clearDraft(jobId, segment.id);
    // eslint-disable-next-line react-hooks/set-state-in-effect -- localStorage exists only after hydration
    else setMode({ kind: "text", draft, restored: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the row first appears
  }, []);
  const onTextClick = (event: MouseEvent<HTMLElement>) => {
    // Selecting text to copy it should not move the player.
    if (window.getSelection()?.toString()) return;
    const wordStart = (event.target as HTMLElement).closest<HTMLElement>("[data-word-start]")?.dataset.wordStart;
    onSeek(wordStart ? Number(wordStart) : segment.start);
  };
  // E and T on any control of the row (its time, its buttons) open the editors. Keys
  // from its menu and popovers reach here too through React's portals: not those.
  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>) => {
    const target = event.target as Element;
    if (mode || event.ctrlKey || event.metaKey || event.altKey || !event.currentTarget.contains(target) || target.closest(FIELD)) return;
    const key = event.key.toLowerCase();
    if (key !== "e" && key !== "t") return;
    event.preventDefault();
    if (key === "e") edit();
    else setMode({ kind: "times" });
  };

  return (
    <li
      data-testid="segment"
      data-segment-id={segment.id}
      aria-current={active ? "true" : undefined}
      data-suspect={reasons.length ? reasons.join(" ") : undefined}
      data-reviewing={reviewing || undefined}
      aria-busy={commands.pending || undefined}
      onKeyDown={onKeyDown}
      className={cn(
        "group grid grid-cols-[auto_minmax(0,1fr)_auto] items-baseline gap-x-3 rounded-md border-l-2 border-transparent px-2 py-1.5 hover:bg-muted/70 sm:px-3",
        reasons.length && "border-dashed border-amber-500",
        active && "border-primary bg-accent hover:bg-accent",
        reviewing && "ring-2 ring-amber-500",
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
      <div className="grid min-w-0 gap-1">
        {segment.speaker ? <SpeakerName name={segment.speaker} segmentId={segment.id} /> : null}
        {mode?.kind === "text" ? (
          <SegmentEditor
            initial={mode.draft}
            restored={mode.restored}
            autoFocus={!mode.restored}
            errorId={commands.error ? errorId : undefined}
            onCancel={() => {
              forget();
              close();
            }}
            onSave={(text) => save(text, close)}
            onMove={(text, delta) =>
              save(text, () => {
                setMode(null);
                if (!openNeighbour(segment.index, delta)) requestAnimationFrame(() => pencil.current?.focus());
              })
            }
            onDraft={(text) => writeDraft(jobId, segment.id, text)}
            onSplit={(text, caret) => {
              forget();
              setMode(null);
              commands.split(text, caret, () => setMode({ kind: "text", draft: text }));
            }}
          />
        ) : (
          <p onClick={onTextClick} onDoubleClick={edit} className={cn("min-w-0 cursor-pointer leading-relaxed", commands.pending && "opacity-60")}>
            {reasons.length ? <SuspectMarker reasons={reasons.map((r) => SUSPECT_LABELS[r])} /> : null}
            {marks && !optimistic ? (
              <MatchText text={segment.text} ranges={marks} replacement={null} current={currentMark} />
            ) : words ? (
              <ActiveWords words={words} text={segment.text} highlight={highlight} />
            ) : shaded ? (
              <ShadedWords words={shaded} text={segment.text} highlight={highlight} />
            ) : (
              <MatchText text={commands.text.trim()} ranges={highlightRanges(commands.text.trim(), highlight)} replacement={null} />
            )}
            {segment.edited ? <EditedMarker original={segment.originalText} onRevert={commands.revert} /> : null}
          </p>
        )}
        {mode?.kind === "times" ? (
          <SegmentTimes
            start={segment.start}
            end={segment.end}
            onCancel={close}
            onSave={(start, end) => {
              close();
              commands.retime(start, end, () => setMode({ kind: "times" }));
            }}
          />
        ) : null}
        {commands.error ? (
          <p id={errorId} role="alert" className="text-sm text-destructive">
            {commands.error}
          </p>
        ) : null}
      </div>
      <div
        className={cn(
          "flex items-center gap-0.5 self-start opacity-0 transition-opacity group-hover:opacity-100 group-focus-within:opacity-100 pointer-coarse:opacity-100",
          mode && "opacity-100",
        )}
      >
        <Button
          ref={pencil}
          variant="ghost"
          size="icon"
          className="size-7 text-muted-foreground"
          data-testid="segment-edit"
          data-row-focus
          aria-label={`Edit the segment at ${time}`}
          title="Edit (E)"
          onClick={mode?.kind === "text" ? close : edit}
        >
          <Pencil />
        </Button>
        <SegmentMenu
          time={time}
          last={last}
          revertable={segment.edited && segment.originalText !== null}
          disabled={commands.pending}
          onEdit={edit}
          onTimes={() => setMode({ kind: "times" })}
          onMerge={commands.merge}
          onRevert={commands.revert}
        />
      </div>
    </li>
  );
});

/** Why the segment deserves a second look: an icon and words, never colour alone. */
function SuspectMarker({ reasons }: { reasons: string[] }) {
  const text = `To review: ${reasons.join(", ")}.`;
  return (
    <span data-testid="suspect-marker" title={text} className="mr-1.5 inline-flex translate-y-0.5 text-amber-600 dark:text-amber-400">
      <TriangleAlert aria-hidden className="size-4" />
      <span className="sr-only">{text} </span>
    </span>
  );
}

function wordTitle(word: Word): string | undefined {
  return isLowProbability(word.probability) ? `Uncertain word: ${Math.round((word.probability ?? 0) * 100)}% sure` : undefined;
}

/** Words of a row that is not playing, with the uncertain ones marked (a dotted underline and a tint). */
function ShadedWords({ words, text: segmentText, highlight }: { words: Word[]; text: string; highlight: RegExp[] }) {
  const parts = spacedWords(words, segmentText);
  const hits = wordHits(parts, highlight);
  return parts.map(({ text, space }, i) => {
    const word = words[i];
    const low = isLowProbability(word.probability);
    return (
      <Fragment key={i}>
        {space ? " " : null}
        {low || hits[i] ? (
          <mark
            data-low-confidence={low || undefined}
            data-word-start={word.start}
            title={wordTitle(word)}
            className={cn(low ? LOW_WORD : "rounded-sm text-foreground", hits[i] && SEARCH_HIT)}
          >
            {text}
          </mark>
        ) : (
          text
        )}
      </Fragment>
    );
  });
}

const LOW_WORD =
  "rounded-sm bg-amber-200/60 text-inherit underline decoration-amber-700 decoration-dotted underline-offset-4 dark:bg-amber-500/25 dark:decoration-amber-300";

/** The words of the search the page was opened from. */
const SEARCH_HIT = "bg-primary/20 px-0.5";

function ActiveWords({ words, text: segmentText, highlight }: { words: Word[]; text: string; highlight: RegExp[] }) {
  const { media } = usePlayer();
  const current = useMediaValue(media, (time) => findActiveIndex(words, time), -1, true);
  const parts = spacedWords(words, segmentText);
  const hits = wordHits(parts, highlight);
  // The space before a word stays outside its highlight.
  return parts.map(({ text, space }, i) => {
    const word = words[i];
    return (
      <Fragment key={i}>
        {space ? " " : null}
        <span
          data-word-start={word.start}
          data-low-confidence={isLowProbability(word.probability) || undefined}
          title={wordTitle(word)}
          className={cn(
            "rounded-sm transition-colors",
            isLowProbability(word.probability) && LOW_WORD,
            hits[i] && SEARCH_HIT,
            i === current && "bg-primary/20 text-foreground underline decoration-primary decoration-2 underline-offset-4",
          )}
        >
          {text}
        </span>
      </Fragment>
    );
  });
}
