"use client";

import { RefreshCw } from "lucide-react";
import { useId, useState, useTransition, type FormEvent } from "react";
import { restartJobAction } from "@/app/(app)/jobs/actions";
import { TranscriptionOptions, type ModelChoice, type TranscriptionChoice } from "@/components/upload/transcription-options";
import { Alert } from "@/components/ui/alert";
import { Button, type ButtonProps } from "@/components/ui/button";
import { speakerFields, speakerValues } from "@/components/upload/speaker-values";
import type { SpeakerMode } from "@/lib/validation/limits";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";

export type RestartModel = ModelChoice;
export type RestartOptions = {
  model: string;
  language: string | null;
  task: string;
  wordTimestamps: boolean;
  beamSize: number;
  patience: number;
  vad: boolean;
  /** The job's speaker options: the full restart dialog offers them (re-transcribing a span does not). */
  speakers?: SpeakerMode;
  speakerCount?: number | null;
  minSpeakers?: number | null;
  maxSpeakers?: number | null;
};

type Props = { jobId: string; current: RestartOptions; models: RestartModel[]; variant?: ButtonProps["variant"]; size?: ButtonProps["size"] };

/** A job's stored options as the options control holds them. */
export function choiceOf(current: RestartOptions): TranscriptionChoice {
  return {
    model: current.model,
    language: current.language ?? "auto",
    task: current.task === "translate" ? "translate" : "transcribe",
    wordTimestamps: current.wordTimestamps,
    beamSize: current.beamSize,
    patience: current.patience,
    vad: current.vad,
  };
}

/** "Restart", optionally with another model, language or task. The transcript is replaced when the new one is done. */
export function JobRestartDialog({ jobId, current, models, variant = "outline", size = "sm" }: Props) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState<TranscriptionChoice>(() => ({
    ...choiceOf(current),
    speakers: current.speakers ? speakerValues({ ...current, speakers: current.speakers }) : undefined,
  }));
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    startTransition(async () => {
      // The server applies the English-only rule and checks the model (resolveOptions).
      const { speakers, ...options } = value;
      const result = await restartJobAction({ jobId, options: { ...options, ...(speakers ? speakerFields(speakers) : {}) } });
      if (result.ok) setOpen(false);
      else setError(result.error);
    });
  };

  return (
    <Dialog open={open} onOpenChange={(next) => (pending ? undefined : setOpen(next))}>
      <DialogTrigger asChild>
        <Button variant={variant} size={size}>
          <RefreshCw />
          Restart…
        </Button>
      </DialogTrigger>
      <DialogContent className="max-w-md">
        <DialogHeader>
          <DialogTitle>Restart the transcription</DialogTitle>
          <DialogDescription>
            It goes back into the queue. The current transcript stays until the new one is done, then is replaced and kept so it can be restored.
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} className="grid gap-4">
          <TranscriptionOptions idPrefix={id} models={models} value={value} onChange={setValue} disabled={pending} />
          {models.length === 0 ? <p className="text-xs text-muted-foreground">No model is installed: see the Models page.</p> : null}
          {error ? <Alert variant="destructive">{error}</Alert> : null}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)} disabled={pending}>
              Keep as is
            </Button>
            <Button type="submit" disabled={pending || !value.model}>
              {pending ? "Restarting…" : "Restart"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
