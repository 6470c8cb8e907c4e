"use client";

import { CircleStop, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { cancelJobsAction, deleteJobsAction } from "@/app/(app)/jobs/actions";
import { JobDownloadMenu } from "@/components/jobs/job-download-menu";
import { useJobLive } from "@/components/jobs/job-live";
import { JobRestartDialog, type RestartModel, type RestartOptions } from "@/components/jobs/job-restart-dialog";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { isActive, isFinished } from "@/lib/jobs/status";

type Props = {
  jobId: string;
  title: string;
  options: RestartOptions;
  models: RestartModel[];
  trashDays: number;
  /** The job shows a transcript (a completed run's, or what a cancelled one kept). */
  hasTranscript: boolean;
};

/**
 * Cancel while it waits or runs (asked first: it cannot be taken back); download and
 * restart once it is done; move to the trash any time. Restart sits after Delete, not
 * where Cancel was, so a second click on Cancel does not land on it.
 */
export function JobActions({ jobId, title, options, models, trashDays, hasTranscript }: Props) {
  const router = useRouter();
  const job = useJobLive();
  const [confirming, setConfirming] = useState(false);
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const active = isActive(job.status);

  const cancel = () =>
    startTransition(async () => {
      setError(null);
      const result = await cancelJobsAction({ ids: [jobId] });
      setConfirmingCancel(false);
      if (!result.ok) setError(result.error);
      else if (job.status === "processing") job.setCancelling(true);
    });

  const remove = () =>
    startTransition(async () => {
      setError(null);
      const result = await deleteJobsAction({ ids: [jobId] });
      if (!result.ok) {
        setError(result.error);
        setConfirming(false);
        return;
      }
      router.replace("/");
    });

  return (
    <div className="grid justify-items-start gap-2 sm:justify-items-end">
      <div className="flex flex-wrap items-center gap-2">
        {job.status === "completed" || (isFinished(job.status) && hasTranscript) ? <JobDownloadMenu jobId={jobId} /> : null}
        {active ? (
          <Button variant="outline" size="sm" onClick={() => setConfirmingCancel(true)} disabled={pending || job.cancelling}>
            <CircleStop />
            {job.cancelling ? "Stopping…" : "Cancel"}
          </Button>
        ) : null}
        <Button variant="outline" size="sm" onClick={() => setConfirming(true)} disabled={pending} className="text-destructive hover:text-destructive">
          <Trash2 />
          Delete
        </Button>
        {active ? null : <JobRestartDialog jobId={jobId} current={options} models={models} />}
      </div>
      {error ? (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
      <ConfirmDialog
        open={confirmingCancel}
        onOpenChange={setConfirmingCancel}
        title="Cancel this transcription?"
        confirmLabel={pending ? "Cancelling…" : "Cancel transcription"}
        cancelLabel="Keep going"
        destructive
        pending={pending}
        onConfirm={cancel}
      >
        <p>
          {job.status === "processing"
            ? "It stops at the end of the window it is on. What it has transcribed so far is kept as a partial transcript, which you can read, correct and download; Restart makes the whole one."
            : "It leaves the queue. Restart it later to transcribe it."}
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title="Move this recording to the trash?"
        confirmLabel={pending ? "Moving…" : "Move to trash"}
        destructive
        pending={pending}
        onConfirm={remove}
      >
        <p>
          “{title}” and its transcript go to the trash. Restore them from Trash until the server removes them for good,{" "}
          {trashDays === 1 ? "1 day" : `${trashDays} days`} from now.
        </p>
      </ConfirmDialog>
    </div>
  );
}
