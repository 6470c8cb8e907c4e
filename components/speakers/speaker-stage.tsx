"use client";

import { LoaderCircle, Users } from "lucide-react";
import { useId, useState, useTransition, type FormEvent } from "react";
import { identifySpeakersAction } from "@/app/(app)/jobs/actions";
import { useJobLive } from "@/components/jobs/job-live";
import { SpeakerFields } from "@/components/speakers/speaker-fields";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { speakerFields, speakerValues, type SpeakerValues } from "@/components/upload/speaker-values";
import { formatEta } from "@/lib/format";
import type { SpeakerMode } from "@/lib/validation/limits";

type Current = { speakers?: SpeakerMode; speakerCount?: number | null; minSpeakers?: number | null; maxSpeakers?: number | null };

const METHOD_WORDS: Record<string, string> = { neural: "the speaker models", rough: "rough speakers", channel: "channels" };

/** The speaker stage of a finished job: its progress or outcome, and "Identify speakers…" to run it (again). */
export function SpeakerStagePanel({ jobId, current }: { jobId: string; current: Current }) {
  const { speakerStage: stage } = useJobLive();
  const busy = stage?.status === "queued" || stage?.status === "running";
  return (
    <div className="flex flex-wrap items-center justify-between gap-2 rounded-md border px-3 py-2 text-sm" data-testid="speaker-stage">
      <div className="grid min-w-0 flex-1 gap-1" aria-live="polite">
        {!stage ? <p className="text-muted-foreground">No speakers identified yet.</p> : null}
        {stage?.status === "queued" ? <p className="text-muted-foreground">Identifying speakers: waiting for a free worker…</p> : null}
        {stage?.status === "running" ? (
          <>
            <p className="flex items-center gap-2">
              <LoaderCircle className="size-4 animate-spin" aria-hidden />
              Identifying speakers ({METHOD_WORDS[stage.method ?? ""] ?? stage.method}) · {Math.round(stage.progress * 100)}%
              {stage.etaSec ? ` · ${formatEta(stage.etaSec)}` : null}
            </p>
            <div
              className="h-1.5 overflow-hidden rounded bg-muted"
              role="progressbar"
              aria-valuenow={Math.round(stage.progress * 100)}
              aria-valuemin={0}
              aria-valuemax={100}
            >
              <div className="h-full bg-primary transition-[width]" style={{ width: `${stage.progress * 100}%` }} />
            </div>
          </>
        ) : null}
        {stage?.status === "completed" ? (
          <p className="text-muted-foreground">
            {stage.found === 1 ? "1 speaker" : `${stage.found ?? 0} speakers`} found with {METHOD_WORDS[stage.method ?? ""] ?? stage.method}.
            {stage.method === "rough" ? " Rough speakers are a guess from the sound of each utterance; the speaker models on the Models page do better." : null}
          </p>
        ) : null}
        {stage?.status === "failed" ? (
          <p role="alert" className="text-destructive">
            {stage.error}
          </p>
        ) : null}
      </div>
      <IdentifySpeakersDialog jobId={jobId} current={current} disabled={stage?.status === "running"} again={!!stage && !busy} />
    </div>
  );
}

function IdentifySpeakersDialog({ jobId, current, disabled, again }: { jobId: string; current: Current; disabled: boolean; again: boolean }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const initial = () => speakerValues({ ...current, speakers: !current.speakers || current.speakers === "off" ? "auto" : current.speakers });
  const [value, setValue] = useState<SpeakerValues>(initial);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    startTransition(async () => {
      const result = await identifySpeakersAction({ jobId, options: speakerFields(value) });
      if (result.ok) setOpen(false);
      else setError(result.error);
    });
  };

  return (
    <Dialog open={open} onOpenChange={(next) => (pending ? undefined : setOpen(next))}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm" disabled={disabled} data-testid="identify-speakers">
          <Users />
          {again ? "Identify speakers again…" : "Identify speakers…"}
        </Button>
      </DialogTrigger>
      <DialogContent className="max-w-md">
        <DialogHeader>
          <DialogTitle>Identify speakers</DialogTitle>
          <DialogDescription>
            Runs on the finished transcript; the text and your corrections stay. Segments that span a change of speaker are split there. Undo takes it back in
            one step; “Off” removes the labels.
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} className="grid gap-4 sm:grid-cols-2">
          <SpeakerFields idPrefix={id} value={value} onChange={setValue} disabled={pending} />
          {error ? (
            <Alert variant="destructive" className="col-span-full">
              {error}
            </Alert>
          ) : null}
          <DialogFooter className="col-span-full">
            <Button type="button" variant="outline" onClick={() => setOpen(false)} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? "Starting…" : value.speakers === "off" ? "Remove speakers" : "Identify"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
