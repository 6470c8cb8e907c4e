"use client";

import { useTransition } from "react";
import { useNotice } from "@/components/shell/notices";
import { cancelJobsAction, deleteJobsAction, trashFinishedAction, restartJobAction, restartJobsAction, setJobTagAction } from "@/app/(app)/jobs/actions";
import type { ActionResult } from "@/lib/http/action-result";

const jobs = (n: number) => (n === 1 ? "1 job" : `${n} jobs`);

/** Runs the job server actions and turns their results into one line of feedback. */
export function useJobCommands(onRemoved: (ids: string[]) => void) {
  const [pending, start] = useTransition();
  const { show } = useNotice();

  function run<T>(action: () => Promise<ActionResult<T>>, success: (data: T) => string, after?: () => void): Promise<ActionResult<T>> {
    return new Promise((resolve) =>
      start(async () => {
        const result = await action();
        show(result.ok ? { ok: true, text: success(result.data) } : { ok: false, text: result.error });
        if (result.ok) after?.();
        resolve(result);
      }),
    );
  }

  return {
    pending,
    cancel: (ids: string[]) =>
      run(
        () => cancelJobsAction({ ids }),
        (count) => `Cancelled ${jobs(count)}.`,
      ),
    restart: (ids: string[]) =>
      run(
        () => restartJobsAction({ ids }),
        (count) => `Restarted ${jobs(count)}; they are back in the queue.`,
      ),
    restartWith: (jobId: string, options: Record<string, unknown>) =>
      run(
        () => restartJobAction({ jobId, options }),
        () => "Restarted with the new options.",
      ),
    remove: (ids: string[]) =>
      run(
        () => deleteJobsAction({ ids }),
        (count) => `Moved ${jobs(count)} to the trash. Restore ${count === 1 ? "it" : "them"} from Trash.`,
        () => onRemoved(ids),
      ),
    trashFinished: (count: number) =>
      run(
        () => trashFinishedAction({ count }),
        (moved) => (moved ? `Moved ${jobs(moved)} to the trash. Restore them from Trash.` : "There were no finished jobs to move."),
      ),
    tag: (ids: string[], tagId: string, mode: "add" | "remove") =>
      run(
        () => setJobTagAction({ ids, tagId, mode }),
        (count) => (mode === "add" ? `Tagged ${jobs(count)}.` : `Removed the tag from ${jobs(count)}.`),
      ),
  };
}
