"use client";

import { useId, useState, useTransition } from "react";
import { renameSpeakerAction } from "@/app/(app)/jobs/transcript-actions";
import { reach, useTranscriptEdits } from "@/components/transcript/transcript-edits";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";

/** A speaker label; click it to rename that speaker in every segment at once. */
export function SpeakerName({ name }: { name: string }) {
  const { jobId, announce } = useTranscriptEdits();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const id = useId();

  const rename = (to: string) =>
    startTransition(async () => {
      if (to.trim() === name) return setOpen(false);
      const result = await reach(() => renameSpeakerAction({ jobId, from: name, to }));
      if (!result.ok) return setError(result.error);
      setOpen(false);
      const count = result.data;
      announce(`Renamed “${name}” to “${to.trim()}” in ${count} ${count === 1 ? "segment" : "segments"}.`);
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
          title="Rename this speaker everywhere"
          className="block w-fit rounded text-xs font-medium text-muted-foreground hover:text-foreground hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
        >
          {name}
        </button>
      </PopoverTrigger>
      <PopoverContent>
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
          {error ? (
            <p role="alert" className="text-sm text-destructive">
              {error}
            </p>
          ) : null}
          <div className="flex justify-end gap-2">
            <Button type="button" variant="ghost" size="sm" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" size="sm" disabled={pending}>
              {pending ? "Renaming…" : "Rename"}
            </Button>
          </div>
        </form>
      </PopoverContent>
    </Popover>
  );
}
