"use client";

import { Ban, Download, ExternalLink, MoreHorizontal, RotateCcw, SlidersHorizontal, Trash2 } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuSub,
  DropdownMenuSubContent,
  DropdownMenuSubTrigger,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { choiceKey, DOWNLOAD_CHOICES, exportHref } from "@/components/jobs/download-choices";
import type { TagView } from "@/components/tags/tag-colors";
import { TagSubmenus } from "@/components/dashboard/tag-submenus";
import type { DashboardJob, JobCommands } from "@/components/dashboard/job-types";
import { canCancel, canRestart } from "@/lib/jobs/status";

export function JobRowMenu({ job, tags, commands }: { job: DashboardJob; tags: TagView[]; commands: JobCommands }) {
  const ids = [job.id];
  const onJob = new Set(job.tags.map((t) => t.id));
  return (
    <DropdownMenu modal={false}>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="icon" className="size-8" aria-label={`Actions for ${job.title}`} disabled={commands.pending}>
          <MoreHorizontal />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-60">
        <DropdownMenuItem asChild>
          <Link href={`/jobs/${job.id}`}>
            <ExternalLink /> Open
          </Link>
        </DropdownMenuItem>
        {job.status === "completed" ? (
          <DropdownMenuSub>
            <DropdownMenuSubTrigger>
              <Download /> Download as…
            </DropdownMenuSubTrigger>
            <DropdownMenuSubContent className="w-56">
              {DOWNLOAD_CHOICES.map((choice) => (
                <DropdownMenuItem key={choiceKey(choice)} asChild>
                  <a href={exportHref(job.id, choice)} download>
                    {choice.label}
                    <span className="ml-auto font-mono text-xs text-muted-foreground">{choice.hint}</span>
                  </a>
                </DropdownMenuItem>
              ))}
            </DropdownMenuSubContent>
          </DropdownMenuSub>
        ) : null}
        {canCancel(job.status) ? (
          <DropdownMenuItem onSelect={() => commands.cancel(ids)}>
            <Ban /> Cancel
          </DropdownMenuItem>
        ) : null}
        {canRestart(job.status) ? (
          <>
            <DropdownMenuItem onSelect={() => commands.restart(ids)}>
              <RotateCcw /> Restart
            </DropdownMenuItem>
            <DropdownMenuItem onSelect={() => commands.restartWithOptions(job)}>
              <SlidersHorizontal /> Restart with other options…
            </DropdownMenuItem>
          </>
        ) : null}
        <DropdownMenuSeparator />
        <TagSubmenus ids={ids} addable={tags.filter((t) => !onJob.has(t.id))} removable={job.tags} commands={commands} />
        <DropdownMenuSeparator />
        <DropdownMenuItem destructive onSelect={() => commands.remove(ids)}>
          <Trash2 /> Delete…
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
