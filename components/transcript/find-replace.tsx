"use client";

import { ReplaceAll, X } from "lucide-react";
import { useId, useRef, useState, useTransition, type KeyboardEvent } from "react";
import { replaceInTranscriptAction } from "@/app/(app)/jobs/transcript-actions";
import { MatchText } from "@/components/transcript/match-text";
import { reach, useTranscriptEdits } from "@/components/transcript/transcript-edits";
import { useFindMatches } from "@/components/transcript/use-find-matches";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { formatTimestamp } from "@/lib/format";

type FindReplaceProps = { version: unknown; onJump: (segmentId: number) => void; onClose: () => void };

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Find and replace in this transcript, with every match previewed before anything changes; one undo reverts it. */
export function FindReplace({ version, onJump, onClose }: FindReplaceProps) {
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
            onChange={(e) => changed(setFind)(e.target.value)}
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
              if (e.key === "Enter" && total > 0 && !pending) replaceAll();
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
                  <MatchText text={match.text} ranges={match.ranges} replacement={replace === "" ? null : replace} />
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
