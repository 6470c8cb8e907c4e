"use client";

import { ChevronDown, Download } from "lucide-react";
import { useRef } from "react";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { choiceKey, DOWNLOAD_CHOICES, type DownloadChoice } from "@/components/jobs/download-choices";
import type { DashboardJob } from "@/components/dashboard/job-types";

/**
 * The selected finished transcripts as one zip. A plain form post, so the browser
 * streams the zip to disk itself however large it is; only completed jobs are sent,
 * since the server refuses a selection with any unfinished one.
 */
export function BulkDownload({ jobs, disabled }: { jobs: DashboardJob[]; disabled: boolean }) {
  const form = useRef<HTMLFormElement>(null);
  const ready = jobs.filter((j) => j.status === "completed").map((j) => j.id);
  const download = (choice: DownloadChoice) => {
    const element = form.current;
    if (!element) return;
    (element.elements.namedItem("format") as HTMLInputElement).value = choice.format;
    (element.elements.namedItem("timestamps") as HTMLInputElement).value = choice.timestamps ? "true" : "false";
    element.submit();
  };
  return (
    <>
      <form ref={form} method="post" action="/api/jobs/export" hidden>
        {ready.map((id) => (
          <input key={id} type="hidden" name="ids" value={id} />
        ))}
        <input type="hidden" name="format" defaultValue="txt" />
        <input type="hidden" name="timestamps" defaultValue="false" />
      </form>
      <DropdownMenu modal={false}>
        <DropdownMenuTrigger asChild>
          <Button
            variant="outline"
            size="sm"
            disabled={disabled || ready.length === 0}
            title={ready.length === 0 ? "Only finished transcripts can be downloaded" : undefined}
          >
            <Download /> Download{ready.length && ready.length !== jobs.length ? ` ${ready.length}` : ""} <ChevronDown />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end" className="w-60">
          <DropdownMenuLabel>
            A zip of {ready.length} {ready.length === 1 ? "transcript" : "transcripts"} as
          </DropdownMenuLabel>
          {DOWNLOAD_CHOICES.map((choice) => (
            <DropdownMenuItem key={choiceKey(choice)} onSelect={() => download(choice)}>
              {choice.label}
              <span className="ml-auto font-mono text-xs text-muted-foreground">{choice.hint}</span>
            </DropdownMenuItem>
          ))}
        </DropdownMenuContent>
      </DropdownMenu>
    </>
  );
}
