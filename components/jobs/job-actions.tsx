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
import { isActive } from "@/lib/jobs/status";

type Props = { jobId: string; title: string; options: RestartOptions; models: RestartModel[]; trashDays: number };

/** Cancel while it waits or runs; download and restart once it is done; move to the trash any time. */
export function JobActions({ jobId, title, options, models, trashDays }: Props) {
  const router = useRouter();
  const job = useJobLive();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const active = isActive(job.status);

  const cancel = () =>
    startTransition(async () => {
      setError(null);
      const result = await cancelJobsAction({ ids: [jobId] });
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
        {job.status === "completed" ? <JobDownloadMenu jobId={jobId} /> : null}
        {active ? (
          <Button variant="outline" size="sm" onClick={cancel} disabled={pending || job.cancelling}>
            <CircleStop />
            {job.cancelling ? "Stopping…" : "Cancel"}
          </Button>
        ) : (
          <JobRestartDialog jobId={jobId} current={options} models={models} />
        )}
        <Button variant="outline" size="sm" onClick={() => setConfirming(true)} disabled={pending} className="text-destructive hover:text-destructive">
          <Trash2 />
          Delete
        </Button>
      </div>
      {error ? (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
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
