"use client";

import { AudioLines } from "lucide-react";
import { useId, useState, useTransition, type FormEvent } from "react";
import { retranscribeSpanAction } from "@/app/(app)/jobs/transcript-actions";
import { choiceOf, type RestartOptions } from "@/components/jobs/job-restart-dialog";
import { TranscriptionOptions, type ModelChoice, type TranscriptionChoice } from "@/components/upload/transcription-options";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { formatTimestamp } from "@/lib/format";

type Props = { jobId: string; start: number; end: number; current: RestartOptions; models: ModelChoice[]; onQueued: () => void };

/** "Re-transcribe this span": the same options or others; only the segments in [start, end] are replaced, as one undo step. */
export function SpanDialog({ jobId, start, end, current, models, onQueued }: Props) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState<TranscriptionChoice>(() => choiceOf(current));
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const range = `${formatTimestamp(start)}–${formatTimestamp(end)}`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    startTransition(async () => {
      const result = await retranscribeSpanAction({ jobId, span: { ...value, start, end } });
      if (!result.ok) return setError(result.error);
      setOpen(false);
      onQueued();
    });
  };

  return (
    <Dialog open={open} onOpenChange={(next) => (pending ? undefined : setOpen(next))}>
      <DialogTrigger asChild>
        <Button size="sm" data-testid="retranscribe-span" disabled={models.length === 0} title={models.length ? undefined : "Wait until the job is done"}>
          <AudioLines />
          Re-transcribe this span…
        </Button>
      </DialogTrigger>
      <DialogContent className="max-w-md">
        <DialogHeader>
          <DialogTitle>Re-transcribe {range}</DialogTitle>
          <DialogDescription>
            Only this part of the recording is transcribed again, and only its segments are replaced. Your corrections elsewhere stay; Undo brings this span
            back as it was.
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} className="grid gap-4">
          <TranscriptionOptions idPrefix={id} models={models} value={value} onChange={setValue} disabled={pending} />
          {error ? <Alert variant="destructive">{error}</Alert> : null}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)} disabled={pending}>
              Keep as is
            </Button>
            <Button type="submit" data-testid="retranscribe-span-submit" disabled={pending || !value.model}>
              {pending ? "Queuing…" : "Re-transcribe"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
