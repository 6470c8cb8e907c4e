"use client";

import { ChevronDown, Download } from "lucide-react";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { choiceKey, DOWNLOAD_CHOICES, exportHref } from "@/components/jobs/download-choices";

/** The transcript in each export format; every file includes the corrections made so far. */
export function JobDownloadMenu({ jobId }: { jobId: string }) {
  return (
    <DropdownMenu modal={false}>
      <DropdownMenuTrigger asChild>
        <Button variant="outline" size="sm" data-testid="download-menu">
          <Download />
          Download
          <ChevronDown />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-60">
        <DropdownMenuLabel>Download the transcript as</DropdownMenuLabel>
        {DOWNLOAD_CHOICES.map((choice) => (
          <DropdownMenuItem key={choiceKey(choice)} asChild>
            <a href={exportHref(jobId, choice)} download data-testid={`download-${choiceKey(choice)}`}>
              {choice.label}
              <span className="ml-auto font-mono text-xs text-muted-foreground">{choice.hint}</span>
            </a>
          </DropdownMenuItem>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
