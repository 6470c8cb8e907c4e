"use client";

import { CircleAlert, CircleCheck, X } from "lucide-react";
import type { Notice } from "@/components/dashboard/use-job-commands";
import { cn } from "@/lib/utils";

/** One line of feedback after an action; the live region is always present so screen readers hear it. */
export function NoticeLine({ notice, onDismiss }: { notice: Notice | null; onDismiss: () => void }) {
  return (
    <div aria-live="polite" data-testid="job-notice">
      {notice ? (
        <div
          role={notice.ok ? "status" : "alert"}
          className={cn(
            "flex items-center gap-2 rounded-md border px-3 py-2 text-sm",
            notice.ok ? "border-success/40 bg-success/8 text-success" : "border-destructive/40 bg-destructive/8 text-destructive",
          )}
        >
          {notice.ok ? <CircleCheck className="size-4 shrink-0" /> : <CircleAlert className="size-4 shrink-0" />}
          <span className="flex-1">{notice.text}</span>
          <button type="button" onClick={onDismiss} className="rounded p-0.5 opacity-70 hover:opacity-100" aria-label="Dismiss">
            <X className="size-4" />
          </button>
        </div>
      ) : null}
    </div>
  );
}
