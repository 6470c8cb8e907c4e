"use client";

import { RotateCcw } from "lucide-react";
import { useState } from "react";
import type { ActionResult } from "@/lib/http/action-result";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { TranscriptionOptions, isEnglishOnly, type ModelChoice, type TranscriptionChoice } from "@/components/upload/transcription-options";
import type { DashboardJob } from "@/components/dashboard/job-types";

type Props = {
  job: DashboardJob;
  models: ModelChoice[];
  pending: boolean;
  onClose: () => void;
  onRestart: (options: TranscriptionChoice) => Promise<ActionResult<unknown>>;
};

/** Restart one job with another model, language, task or word timings. The old transcript is replaced. */
export function RestartDialog({ job, models, pending, onClose, onRestart }: Props) {
  const installed = models.some((m) => m.name === job.model);
  const [value, setValue] = useState<TranscriptionChoice>({
    model: installed ? job.model : (models[0]?.name ?? job.model),
    language: job.language ?? "auto",
    task: job.task === "translate" ? "translate" : "transcribe",
    wordTimestamps: job.wordTimestamps,
  });
  const [error, setError] = useState<string | null>(null);

  async function submit() {
    const englishOnly = isEnglishOnly(models, value.model);
    const result = await onRestart({ ...value, language: englishOnly ? "en" : value.language, task: englishOnly ? "transcribe" : value.task });
    if (!result.ok) setError(result.error);
  }

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Restart “{job.title}”</DialogTitle>
          <DialogDescription>The job goes back into the queue and its current transcript is replaced.</DialogDescription>
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
