"use client";

import { Trash2 } from "lucide-react";
import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";
import { ROW_GRID } from "@/components/dashboard/job-row";

type Props = {
  allSelected: boolean;
  someSelected: boolean;
  onSelectAll: (on: boolean) => void;
  connected: boolean | null;
  finishedCount: number;
  onClearFinished: () => void;
  pending: boolean;
};

function LiveDot({ connected }: { connected: boolean | null }) {
  if (connected === null) return null;
  return (
    <span
      className="flex items-center gap-1.5 text-xs text-muted-foreground"
      title={connected ? "Progress updates arrive live." : "Lost the connection to the server; reconnecting by itself."}
    >
      <span aria-hidden className={cn("size-2 rounded-full", connected ? "bg-success" : "animate-pulse bg-amber-500")} />
      {connected ? "Live" : "Reconnecting…"}
    </span>
  );
}

/** Select-all, the live indicator, tags and "move finished to trash"; on wide screens also the column labels. */
export function JobListHeader({ allSelected, someSelected, onSelectAll, connected, finishedCount, onClearFinished, pending }: Props) {
  const checkbox = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (checkbox.current) checkbox.current.indeterminate = someSelected && !allSelected;
  }, [someSelected, allSelected]);
  return (
    <div className="grid gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="mr-auto text-lg font-semibold">Jobs</h2>
        <LiveDot connected={connected} />
        <Button
          variant="outline"
          size="sm"
          onClick={onClearFinished}
          disabled={pending || finishedCount === 0}
          title="Move every completed, failed and cancelled job in the library to the trash"
        >
          <Trash2 />
          Move finished to trash…
        </Button>
      </div>
      <div className={cn(ROW_GRID, "px-3 text-xs font-medium text-muted-foreground")}>
        <label className="flex items-center gap-3 md:contents">
          <input
            ref={checkbox}
            type="checkbox"
            className="size-4 accent-[var(--primary)]"
            checked={allSelected}
            onChange={(e) => onSelectAll(e.target.checked)}
            aria-label="Select all jobs on this page"
          />
          <span className="md:hidden">Select all on this page</span>
        </label>
        <span className="hidden md:block">Recording</span>
        <span className="hidden md:block">Status</span>
        <span className="hidden md:block">Details</span>
        <span className="hidden md:block">Created</span>
        <span className="hidden w-8 md:block" />
      </div>
    </div>
  );
}
