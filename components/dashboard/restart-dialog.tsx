"use client";

import { RotateCcw } from "lucide-react";
import { useState } from "react";
import type { ActionResult } from "@/lib/http/action-result";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { TranscriptionOptions, type ModelChoice, type TranscriptionChoice } from "@/components/upload/transcription-options";
import type { DashboardJob } from "@/components/dashboard/job-types";

type Props = {
  job: DashboardJob;
  models: ModelChoice[];
  pending: boolean;
  onClose: () => void;
  onRestart: (options: TranscriptionChoice) => Promise<ActionResult<unknown>>;
};

/** Restart one job with another model, language, task or word timestamps. The old transcript stays restorable. */
export function RestartDialog({ job, models, pending, onClose, onRestart }: Props) {
  const [value, setValue] = useState<TranscriptionChoice>({
    model: job.model,
    language: job.language ?? "auto",
    task: job.task === "translate" ? "translate" : "transcribe",
    wordTimestamps: job.wordTimestamps,
    beamSize: job.beamSize,
    patience: job.patience,
    vad: job.vad,
  });
  const [error, setError] = useState<string | null>(null);

  async function submit() {
    // The server applies the English-only rule and checks the model (resolveOptions).
    const result = await onRestart(value);
    if (!result.ok) setError(result.error);
  }

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Restart “{job.title}”</DialogTitle>
          <DialogDescription>
            The job goes back into the queue. Its current transcript stays until the new one is done, and can be restored after.
          </DialogDescription>
        </DialogHeader>
        {models.length === 0 ? (
          <p className="text-sm text-destructive">No Whisper model is installed, so nothing can be transcribed right now.</p>
        ) : (
          <div className="grid gap-3 sm:grid-cols-2">
            <TranscriptionOptions idPrefix="restart" models={models} value={value} onChange={setValue} disabled={pending} />
          </div>
        )}
        {error ? (
          <p role="alert" className="text-sm text-destructive">
            {error}
          </p>
        ) : null}
        <DialogFooter>
          <Button variant="outline" onClick={onClose} disabled={pending}>
            Go back
          </Button>
          <Button onClick={submit} disabled={pending || models.length === 0}>
            <RotateCcw />
            Restart
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
