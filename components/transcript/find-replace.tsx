"use client";

import { ChevronDown, ChevronUp, Replace, ReplaceAll, SkipForward, X } from "lucide-react";
import { useEffect, useId, useMemo, useRef, useState, useTransition, type KeyboardEvent } from "react";
import { replaceInTranscriptAction, replaceOneMatchAction } from "@/app/(app)/jobs/transcript-actions";
import { MatchText } from "@/components/transcript/match-text";
import { reach, useTranscriptEdits } from "@/components/transcript/transcript-edits";
import { currentMatch, flattenMatches, stepMatch, type FindHighlight, type MatchCursor } from "@/components/transcript/find-cursor";
import { useFindMatches } from "@/components/transcript/use-find-matches";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { formatTimestamp } from "@/lib/format";

type FindReplaceProps = {
  version: unknown;
  onJump: (segmentId: number) => void;
  onClose: () => void;
  /** The matches and the current one, for the transcript to mark them. */
  onHighlight: (highlight: FindHighlight | null) => void;
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Find and replace in this transcript, with every match previewed before anything
 * changes and marked in the transcript. Step through the matches (Enter, Shift+Enter,
 * or the arrows), replace the current one or skip it, or replace all; each
 * replacement is one undo step.
 */
export function FindReplace({ version, onJump, onClose, onHighlight }: FindReplaceProps) {
  const { jobId, announce } = useTranscriptEdits();
  const [find, setFind] = useState("");
  const [replace, setReplace] = useState("");
  const [caseSensitive, setCaseSensitive] = useState(false);
  const [wholeWord, setWholeWord] = useState(false);
  const [outcome, setOutcome] = useState<{ text: string; error: boolean } | null>(null);
  const [pending, startTransition] = useTransition();
  const { matches, total, error, searching } = useFindMatches(jobId, { find, caseSensitive, wholeWord }, version);
  const ids = { find: useId(), replace: useId(), summary: useId() };
  const findField = useRef<HTMLInputElement>(null);
  const [cursor, setCursor] = useState<MatchCursor>({ index: 0, at: 0 });
  const flat = useMemo(() => flattenMatches(matches), [matches]);
  const current = currentMatch(flat, cursor);
  const place = current ? flat.indexOf(current) + 1 : 0;

  useEffect(() => {
    onHighlight(matches.length ? { bySegment: new Map(matches.map((m) => [m.segmentId, m.ranges])), current: current ?? null } : null);
  }, [matches, current, onHighlight]);
  useEffect(() => () => onHighlight(null), [onHighlight]);

  const go = (delta: 1 | -1) => {
    const next = stepMatch(flat, current, delta);
    if (!next) return;
    setCursor({ index: next.index, at: next.at });
    setOutcome(null);
    onJump(next.segmentId);
  };

  const replaceOne = () => {
    if (!current) return;
    const target = current;
    startTransition(async () => {
      const result = await reach(() => replaceOneMatchAction({ jobId, find, replace, caseSensitive, wholeWord, segmentId: target.segmentId, at: target.at }));
      if (!result.ok) return setOutcome({ text: result.error, error: true });
      // On to the match after this one, past the text that replaced it.
      setCursor({ index: target.index, at: target.at + replace.length });
      const left = total - 1;
      const text = `Replaced 1. ${left === 0 ? "No matches left." : `${plural(left, "match", "matches")} left.`}`;
      setOutcome({ text, error: false });
      announce(text);
    });
  };

  const replaceAll = () =>
    startTransition(async () => {
      const result = await reach(() => replaceInTranscriptAction({ jobId, find, replace, caseSensitive, wholeWord }));
      if (!result.ok) return setOutcome({ text: result.error, error: true });
      const count = result.data;
      const text = `Replaced in ${plural(count, "segment", "segments")}. Undo reverts all of it in one step.`;
      setOutcome({ text, error: false });
      announce(text);
      // The button is about to be disabled (nothing left to replace); keep the focus in the panel.
      findField.current?.focus();
    });
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== "Escape") return;
    event.preventDefault();
    onClose();
  };
  // A changed query makes the last "Replaced in…" stale.
  const changed =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setOutcome(null);
    };

  return (
    <section aria-label="Find and replace" onKeyDown={onKeyDown} className="grid gap-3 rounded-lg border bg-card p-3 shadow-sm" data-testid="find-panel">
      <div className="grid gap-2 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto] sm:items-end">
        <div className="grid gap-1">
          <label htmlFor={ids.find} className="text-xs font-medium text-muted-foreground">
            Find
          </label>
          <Input
            ref={findField}
            data-find-field
            id={ids.find}
            aria-label="Find"
            value={find}
            onChange={(e) => {
              changed(setFind)(e.target.value);
              setCursor({ index: 0, at: 0 });
            }}
            onKeyDown={(e) => {
              if (e.key !== "Enter" || flat.length === 0) return;
              e.preventDefault();
              go(e.shiftKey ? -1 : 1);
            }}
            autoFocus
            maxLength={200}
            aria-describedby={ids.summary}
          />
        </div>
        <div className="grid gap-1">
          <label htmlFor={ids.replace} className="text-xs font-medium text-muted-foreground">
            Replace with
          </label>
          <Input
            id={ids.replace}
            aria-label="Replace with"
            value={replace}
            onChange={(e) => changed(setReplace)(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && current && !pending && !searching) replaceOne();
            }}
            maxLength={200}
          />
        </div>
        <div className="flex items-center gap-2">
          <Button onClick={replaceAll} disabled={total === 0 || searching || pending} data-testid="replace-all">
            <ReplaceAll />
            {pending ? "Replacing…" : `Replace all (${total})`}
          </Button>
          <Button variant="ghost" size="icon" onClick={onClose} aria-label="Close find and replace" title="Close (Esc)">
            <X />
          </Button>
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <Button
          variant="outline"
          size="icon"
          onClick={() => go(-1)}
          disabled={flat.length === 0 || searching}
          aria-label="Previous match"
          title="Previous match (Shift+Enter in Find)"
        >
          <ChevronUp />
        </Button>
        <Button
          variant="outline"
          size="icon"
          onClick={() => go(1)}
          disabled={flat.length === 0 || searching}
          aria-label="Next match"
          title="Next match (Enter in Find)"
        >
          <ChevronDown />
        </Button>
        <span className="min-w-24 text-sm tabular-nums text-muted-foreground" data-testid="find-position">
          {flat.length ? `${place} of ${flat.length}` : ""}
        </span>
        <Button
          size="sm"
          onClick={replaceOne}
          disabled={!current || searching || pending}
          data-testid="replace-one"
          title="Replace this match (Enter in Replace with)"
        >
          <Replace />
          Replace
        </Button>
        <Button
          size="sm"
          variant="outline"
          onClick={() => go(1)}
          disabled={!current || searching || pending}
          data-testid="skip-match"
          title="Leave this match and go to the next"
        >
          <SkipForward />
          Skip
        </Button>
      </div>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
        <Check label="Match case" checked={caseSensitive} onChange={changed(setCaseSensitive)} />
        <Check label="Whole words" checked={wholeWord} onChange={changed(setWholeWord)} />
        <p id={ids.summary} aria-live="polite" className="ml-auto text-xs text-muted-foreground">
          {find === ""
            ? "Type to see the matches."
            : searching
              ? "Finding…"
              : error
                ? null
                : total === 0
                  ? "No matches."
                  : `${plural(total, "match", "matches")} in ${plural(matches.length, "segment", "segments")}`}
        </p>
      </div>
      {error ? (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
      {outcome ? (
        <p role={outcome.error ? "alert" : "status"} className={outcome.error ? "text-sm text-destructive" : "text-sm text-success"}>
          {outcome.text}
        </p>
      ) : null}
      {matches.length > 0 ? (
        <ol className="grid max-h-72 gap-0.5 overflow-y-auto rounded-md border p-1" aria-label="Matches" data-testid="find-matches">
          {matches.map((match) => (
            <li key={match.segmentId}>
              <button
                type="button"
                onClick={() => onJump(match.segmentId)}
                className="grid w-full grid-cols-[auto_minmax(0,1fr)] items-baseline gap-3 rounded px-2 py-1 text-left text-sm hover:bg-muted focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
              >
                <span className="font-mono text-xs tabular-nums text-muted-foreground">{formatTimestamp(match.start)}</span>
                <span className="leading-relaxed">
                  <MatchText
                    text={match.text}
                    ranges={match.ranges}
                    replacement={replace === "" ? null : replace}
                    current={current?.segmentId === match.segmentId ? current.at : null}
                  />
                </span>
              </button>
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}

function Check({ label, checked, onChange }: { label: string; checked: boolean; onChange: (value: boolean) => void }) {
  return (
    <label className="inline-flex cursor-pointer items-center gap-2">
      <input type="checkbox" className="size-4 accent-[var(--primary)]" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}
