"use client";

import { useEffect, useState, useTransition } from "react";
import { cancelJobsAction, clearFinishedAction, deleteJobsAction, restartJobAction, restartJobsAction, setJobTagAction, type ActionResult } from "@/app/(app)/jobs/actions";

export type Notice = { ok: boolean; text: string };

const jobs = (n: number | undefined) => (n === 1 ? "1 job" : `${n ?? 0} jobs`);

/** Runs the job server actions and turns their results into one line of feedback. */
export function useJobCommands(onRemoved: (ids: string[]) => void) {
  const [pending, start] = useTransition();
  const [notice, setNotice] = useState<Notice | null>(null);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), notice.ok ? 5000 : 10000);
    return () => clearTimeout(timer);
  }, [notice]);

  function run(action: () => Promise<ActionResult>, success: (r: ActionResult) => string, after?: () => void): Promise<ActionResult> {
    return new Promise((resolve) =>
      start(async () => {
        const result = await action();
        setNotice(result.ok ? { ok: true, text: success(result) } : { ok: false, text: result.message ?? "That did not work. Try again." });
        if (result.ok) after?.();
        resolve(result);
      }),
    );
  }

  return {
    pending,
    notice,
    dismissNotice: () => setNotice(null),
    cancel: (ids: string[]) => run(() => cancelJobsAction(ids), (r) => `Cancelled ${jobs(r.count)}.`),
    restart: (ids: string[]) => run(() => restartJobsAction(ids), (r) => `Restarted ${jobs(r.count)}; they are back in the queue.`),
    restartWith: (id: string, options: Record<string, unknown>) => run(() => restartJobAction(id, options), () => "Restarted with the new options."),
    remove: (ids: string[]) => run(() => deleteJobsAction(ids), (r) => `Deleted ${jobs(r.count)}.`, () => onRemoved(ids)),
    clearFinished: () => run(() => clearFinishedAction(), (r) => (r.count ? `Cleared ${jobs(r.count)}.` : "There were no finished jobs to clear.")),
    tag: (ids: string[], tagId: string, mode: "add" | "remove") =>
      run(() => setJobTagAction(ids, tagId, mode), (r) => (mode === "add" ? `Tagged ${jobs(r.count)}.` : `Removed the tag from ${jobs(r.count)}.`)),
  };
}
