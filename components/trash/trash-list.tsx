"use client";

import { RotateCcw, Trash2 } from "lucide-react";
import { useState, useTransition } from "react";
import { emptyTrashAction, purgeJobsAction, restoreJobsAction } from "@/app/(app)/trash/actions";
import { useNotice } from "@/components/shell/notices";
import { LocalTime } from "@/components/shell/local-time";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { formatBytes, formatDuration } from "@/lib/format";
import type { ActionResult } from "@/lib/http/action-result";
import type { TrashedJob } from "@/lib/jobs/trash";

const jobs = (n: number) => (n === 1 ? "1 recording" : `${n} recordings`);

type Confirming = { kind: "one"; job: TrashedJob } | { kind: "all" } | null;

/** The trashed jobs, each with Restore and Delete forever; Empty trash for all of them. */
export function TrashList({ jobs: items }: { jobs: TrashedJob[] }) {
  const [pending, start] = useTransition();
  const { show } = useNotice();
  const [confirming, setConfirming] = useState<Confirming>(null);

  const run = (action: () => Promise<ActionResult<number>>, success: (count: number) => string) =>
    start(async () => {
      const result = await action();
      show(result.ok ? { ok: true, text: success(result.data) } : { ok: false, text: result.error });
      setConfirming(null);
    });

  return (
    <section aria-label="Deleted recordings" className="grid gap-3">
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="mr-auto text-lg font-semibold">{jobs(items.length)}</h2>
        <Button
          variant="outline"
          size="sm"
          className="text-destructive hover:text-destructive"
          disabled={pending}
          onClick={() => setConfirming({ kind: "all" })}
        >
          <Trash2 />
          Empty trash…
        </Button>
      </div>
      <ul className="divide-y rounded-lg border bg-card" data-testid="trash-list">
        {items.map((job) => (
          <li key={job.id} data-testid="trash-row" className="flex flex-wrap items-center gap-x-4 gap-y-2 px-3 py-3">
            <div className="grid min-w-0 flex-1 basis-64 gap-0.5">
              <span className="truncate font-medium">{job.title}</span>
              <span className="text-xs text-muted-foreground">
                {[formatDuration(job.durationSec), formatBytes(job.sizeBytes)].filter(Boolean).join(" · ")} · deleted{" "}
                <LocalTime iso={job.deletedAt} time={false} /> · removed for good <LocalTime iso={job.purgeAt} time={false} />
              </span>
            </div>
            <Button
              variant="outline"
              size="sm"
              disabled={pending}
              aria-label={`Restore ${job.title}`}
              onClick={() =>
                run(
                  () => restoreJobsAction({ ids: [job.id] }),
                  () => `Restored “${job.title}”. It is back on the dashboard.`,
                )
              }
            >
              <RotateCcw />
              Restore
            </Button>
            <Button
              variant="ghost"
              size="sm"
              className="text-destructive hover:text-destructive"
              disabled={pending}
              aria-label={`Delete ${job.title} forever`}
              onClick={() => setConfirming({ kind: "one", job })}
            >
              <Trash2 />
              Delete forever
            </Button>
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={confirming !== null}
        onOpenChange={(open) => !open && setConfirming(null)}
        title={confirming?.kind === "one" ? `Delete “${confirming.job.title}” forever?` : `Delete all ${jobs(items.length)} forever?`}
        confirmLabel={confirming?.kind === "one" ? "Delete forever" : `Delete ${jobs(items.length)} forever`}
        destructive
        pending={pending}
        onConfirm={() => {
          if (confirming?.kind === "one")
            run(
              () => purgeJobsAction({ ids: [confirming.job.id] }),
              () => `Deleted “${confirming.job.title}” for good.`,
            );
          else
            run(
              () => emptyTrashAction({}),
              (count) => `Deleted ${jobs(count)} for good.`,
            );
        }}
      >
        <p>The recordings and their transcripts are removed from the server. This cannot be undone.</p>
      </ConfirmDialog>
    </section>
  );
}
