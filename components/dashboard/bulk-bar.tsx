"use client";

import { Ban, ChevronDown, RotateCcw, TagIcon, Trash2, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import type { TagView } from "@/components/tags/tag-colors";
import { BulkDownload } from "@/components/dashboard/bulk-download";
import { TagSubmenus } from "@/components/dashboard/tag-submenus";
import type { DashboardJob, JobCommands } from "@/components/dashboard/job-types";
import { canCancel, canRestart } from "@/lib/jobs/status";

type BulkBarProps = { jobs: DashboardJob[]; tags: TagView[]; commands: JobCommands; onClear: () => void };

/** Actions on the selected jobs. Cancel and restart only touch the jobs they apply to, and say how many. */
export function BulkBar({ jobs, tags, commands, onClear }: BulkBarProps) {
  const ids = jobs.map((j) => j.id);
  const cancellable = jobs.filter((j) => canCancel(j.status)).map((j) => j.id);
  const restartable = jobs.filter((j) => canRestart(j.status)).map((j) => j.id);
  const onAll = tags.filter((t) => jobs.every((j) => j.tags.some((jt) => jt.id === t.id)));
  const onAny = tags.filter((t) => jobs.some((j) => j.tags.some((jt) => jt.id === t.id)));
  return (
    <div
      role="toolbar"
      aria-label="Actions on selected jobs"
      data-testid="bulk-bar"
      className="sticky top-16 z-20 flex flex-wrap items-center gap-2 rounded-lg border bg-card/95 px-3 py-2 shadow-md backdrop-blur"
    >
      <span className="mr-auto text-sm font-medium" aria-live="polite">
        {ids.length} selected
      </span>
      <Button variant="outline" size="sm" disabled={commands.pending || cancellable.length === 0} onClick={() => commands.cancel(cancellable)}>
        <Ban /> Cancel{cancellable.length && cancellable.length !== ids.length ? ` ${cancellable.length}` : ""}
      </Button>
      <Button variant="outline" size="sm" disabled={commands.pending || restartable.length === 0} onClick={() => commands.restart(restartable)}>
        <RotateCcw /> Restart{restartable.length && restartable.length !== ids.length ? ` ${restartable.length}` : ""}
      </Button>
      <BulkDownload jobs={jobs} disabled={commands.pending} />
      <DropdownMenu modal={false}>
        <DropdownMenuTrigger asChild>
          <Button variant="outline" size="sm" disabled={commands.pending}>
            <TagIcon /> Tags <ChevronDown />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          <TagSubmenus ids={ids} addable={tags.filter((t) => !onAll.includes(t))} removable={onAny} commands={commands} />
        </DropdownMenuContent>
      </DropdownMenu>
      <Button variant="destructive" size="sm" disabled={commands.pending} onClick={() => commands.remove(ids)}>
        <Trash2 /> Delete
      </Button>
      <Button variant="ghost" size="icon" className="size-8" onClick={onClear} aria-label="Clear selection" title="Clear selection">
        <X />
      </Button>
    </div>
  );
}
