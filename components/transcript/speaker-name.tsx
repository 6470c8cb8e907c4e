"use client";

import { createContext, useContext, useId, useState, useTransition, type ReactNode } from "react";
import { renameSpeakerAction, setSegmentSpeakerAction } from "@/app/(app)/jobs/transcript-actions";
import { reach, useTranscriptEdits } from "@/components/transcript/transcript-edits";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";

// Eight hues far apart, readable as dots on light and dark backgrounds; speaker n takes colour n.
const COLOURS = ["#2563eb", "#db2777", "#16a34a", "#d97706", "#7c3aed", "#0891b2", "#dc2626", "#65a30d"];

/** The transcript's speakers in order of first appearance: their colours, and what merge and reassign offer. */
const SpeakersContext = createContext<readonly string[]>([]);

export function SpeakersProvider({ speakers, children }: { speakers: readonly string[]; children: ReactNode }) {
  return <SpeakersContext value={speakers}>{children}</SpeakersContext>;
}

export function speakerColour(speakers: readonly string[], name: string): string {
  const index = speakers.indexOf(name);
  return COLOURS[(index < 0 ? 0 : index) % COLOURS.length];
}

export function SpeakerDot({ name }: { name: string }) {
  const speakers = useContext(SpeakersContext);
  return <span aria-hidden className="inline-block size-2.5 shrink-0 rounded-full" style={{ background: speakerColour(speakers, name) }} />;
}

/**
 * A speaker chip: rename the speaker everywhere (onto another's name merges the two), merge
 * into another speaker, or give only this segment to someone else.
 */
export function SpeakerName({ name, segmentId }: { name: string; segmentId: number }) {
  const { jobId, announce } = useTranscriptEdits();
  const speakers = useContext(SpeakersContext);
  const others = speakers.filter((s) => s !== name);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const id = useId();

  const rename = (to: string, merging = false) =>
    startTransition(async () => {
      if (to.trim() === name) return setOpen(false);
      const result = await reach(() => renameSpeakerAction({ jobId, from: name, to }));
      if (!result.ok) return setError(result.error);
      setOpen(false);
      const count = result.data;
      const segments = `${count} ${count === 1 ? "segment" : "segments"}`;
      announce(
        merging || others.includes(to.trim()) ? `Merged “${name}” into “${to.trim()}” (${segments}).` : `Renamed “${name}” to “${to.trim()}” in ${segments}.`,
      );
    });
  const reassign = (to: string) =>
    startTransition(async () => {
      const result = await reach(() => setSegmentSpeakerAction({ jobId, segmentId, speaker: to }));
      if (!result.ok) return setError(result.error);
      setOpen(false);
      announce(`This segment is now “${to.trim()}”.`);
    });

  return (
    <Popover
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setError(null);
      }}
    >
      <PopoverTrigger asChild>
        <button
          type="button"
          data-testid="speaker-chip"
          title="Rename, merge or reassign this speaker"
          className="inline-flex w-fit items-center gap-1.5 rounded text-xs font-medium text-muted-foreground hover:text-foreground hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
        >
          <SpeakerDot name={name} />
          {name}
        </button>
      </PopoverTrigger>
      <PopoverContent className="grid gap-3">
        <form
          className="grid gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            rename(String(new FormData(event.currentTarget).get("speaker") ?? ""));
          }}
        >
          <label htmlFor={id} className="text-sm font-medium">
            Rename “{name}” everywhere
          </label>
          <Input
            id={id}
            name="speaker"
            defaultValue={name}
            maxLength={60}
            autoFocus
            onFocus={(event) => event.currentTarget.select()}
            aria-invalid={error ? true : undefined}
          />
          <div className="flex justify-end gap-2">
            <Button type="button" variant="ghost" size="sm" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" size="sm" disabled={pending}>
              {pending ? "Saving…" : "Rename"}
            </Button>
          </div>
        </form>
        {others.length ? (
          <>
            <SpeakerChoices label={`Merge “${name}” into`} names={others} disabled={pending} onChoose={(to) => rename(to, true)} testId="merge-into" />
            <SpeakerChoices label="Only this segment is" names={others} disabled={pending} onChoose={reassign} testId="reassign-to" />
          </>
        ) : null}
        {error ? (
          <p role="alert" className="text-sm text-destructive">
            {error}
          </p>
        ) : null}
      </PopoverContent>
    </Popover>
  );
}

function SpeakerChoices(props: { label: string; names: string[]; disabled: boolean; onChoose: (name: string) => void; testId: string }) {
  return (
    <div className="grid gap-1.5" role="group" aria-label={props.label}>
      <p className="text-sm font-medium">{props.label}</p>
      <div className="flex flex-wrap gap-1.5">
        {props.names.map((other) => (
          <Button
            key={other}
            type="button"
            variant="outline"
            size="sm"
            disabled={props.disabled}
            data-testid={props.testId}
            onClick={() => props.onChoose(other)}
          >
            <SpeakerDot name={other} />
            {other}
          </Button>
        ))}
      </div>
    </div>
  );
}
