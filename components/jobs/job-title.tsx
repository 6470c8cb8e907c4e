"use client";

import { Pencil } from "lucide-react";
import { useOptimistic, useRef, useState, useTransition, type KeyboardEvent } from "react";
import { renameJobAction } from "@/app/(app)/jobs/actions";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

/** The job's name as the page heading; click it (or the pencil) to rename in place. */
export function JobTitle({ jobId, title }: { jobId: string; title: string }) {
  const [editing, setEditing] = useState(false);
  const [shown, setShown] = useOptimistic(title);
  const [saving, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  // Enter and Escape end editing before the input's blur; blur must not save twice (or after Escape).
  const settled = useRef(false);
  const pencil = useRef<HTMLButtonElement>(null);

  const begin = () => {
    settled.current = false;
    setError(null);
    setEditing(true);
  };
  const finish = (value: string | null) => {
    if (settled.current) return;
    settled.current = true;
    setEditing(false);
    requestAnimationFrame(() => pencil.current?.focus());
    const next = value?.trim();
    if (!next || next === title) return;
    startTransition(async () => {
      setShown(next);
      const result = await renameJobAction({ jobId, title: next });
      if (!result.ok) setError(result.error);
    });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter") {
      event.preventDefault();
      finish(event.currentTarget.value);
    } else if (event.key === "Escape") {
      event.preventDefault();
      finish(null);
    }
  };

  return (
    <div className="grid min-w-0 gap-1">
      {editing ? (
        <Input
          autoFocus
          defaultValue={shown}
          maxLength={200}
          aria-label="Name of the recording"
          onFocus={(event) => event.currentTarget.select()}
          onKeyDown={onKeyDown}
          onBlur={(event) => finish(event.currentTarget.value)}
          className="h-10 text-xl font-semibold sm:text-2xl"
        />
      ) : (
        <div className="flex min-w-0 items-center gap-1">
          <h1
            className="min-w-0 cursor-text break-words text-xl font-semibold tracking-tight sm:text-2xl"
            onClick={begin}
            title="Click to rename"
            aria-busy={saving || undefined}
          >
            {shown}
          </h1>
          <Button ref={pencil} variant="ghost" size="icon" className="shrink-0 text-muted-foreground" onClick={begin} aria-label="Rename">
            <Pencil />
          </Button>
        </div>
      )}
      {error ? (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}
