"use client";

import Link from "next/link";
import { TagChip } from "@/components/tags/tag-chip";
import type { TagView } from "@/components/tags/tag-colors";
import { JobRowMenu } from "@/components/dashboard/job-row-menu";
import { JobStatusCell } from "@/components/dashboard/job-status-cell";
import type { DashboardJob, JobCommands } from "@/components/dashboard/job-types";
import { RelativeTime } from "@/components/dashboard/relative-time";
import { formatDuration } from "@/lib/format";
import { languageName } from "@/lib/languages";
import { cn } from "@/lib/utils";

/** The chosen language, or what Whisper detected when it was left on auto. */
function languageText(job: DashboardJob): string {
  if (job.language) return languageName(job.language);
  if (job.detectedLanguage) return `${languageName(job.detectedLanguage)} (detected)`;
  return "Auto-detect";
}

type JobRowProps = {
  job: DashboardJob;
  tags: TagView[];
  selected: boolean;
  onSelect: (id: string, selected: boolean) => void;
  tagHref: (tagId: string) => string;
  commands: JobCommands;
};

export const ROW_GRID = "grid grid-cols-[auto_minmax(0,1fr)_auto] gap-x-3 gap-y-2 md:grid-cols-[auto_minmax(0,1fr)_12rem_10rem_6.5rem_auto] md:items-center";

export function JobRow({ job, tags, selected, onSelect, tagHref, commands }: JobRowProps) {
  const showFileName = job.originalName !== job.title;
  return (
    <li
      data-testid="job-row"
      data-job-id={job.id}
      data-status={job.status}
      className={cn(ROW_GRID, "px-3 py-3 transition-colors hover:bg-muted/40", selected && "bg-accent/60 hover:bg-accent/60")}
    >
      <input
        type="checkbox"
        className="mt-1 size-4 accent-[var(--primary)] md:mt-0"
        checked={selected}
        onChange={(e) => onSelect(job.id, e.target.checked)}
        aria-label={`Select ${job.title}`}
      />
      <div className="grid min-w-0 gap-1">
        <Link
          href={`/jobs/${job.id}`}
          className="truncate font-medium hover:text-primary hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
          title={job.title}
        >
          {job.title}
        </Link>
        {showFileName ? (
          <p className="truncate text-xs text-muted-foreground" title={job.originalName}>
            {job.originalName}
          </p>
        ) : null}
        {job.tags.length ? (
          <ul className="flex flex-wrap gap-1" aria-label={`Tags of ${job.title}`}>
            {job.tags.map((tag) => (
              <li key={tag.id}>
                <TagChip name={tag.name} color={tag.color} href={tagHref(tag.id)} />
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <div className="row-span-3 md:row-span-1 md:order-last">
        <JobRowMenu job={job} tags={tags} commands={commands} />
      </div>
      <div className="col-start-2 md:col-start-auto">
        <JobStatusCell job={job} />
      </div>
      <dl className="col-start-2 flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-muted-foreground md:col-start-auto md:grid md:gap-0.5">
        <div className="flex gap-1">
          <dt className="sr-only">Duration</dt>
          <dd className="tabular-nums text-foreground/80">{formatDuration(job.durationSec)}</dd>
        </div>
        <div className="flex min-w-0 gap-1">
          <dt className="sr-only">Model</dt>
          <dd className="truncate" title={`Model: ${job.model}${job.task === "translate" ? ", translating to English" : ""}`}>
            {job.model}
            {job.task === "translate" ? " → English" : ""}
          </dd>
        </div>
        <div className="flex min-w-0 gap-1">
          <dt className="sr-only">Language</dt>
          <dd className="truncate">{languageText(job)}</dd>
        </div>
        <div className="flex gap-1 md:hidden">
          <dt className="sr-only">Added</dt>
          <dd>
            <RelativeTime iso={job.createdAt} />
          </dd>
        </div>
      </dl>
      <div className="hidden text-xs text-muted-foreground md:block">
        <RelativeTime iso={job.createdAt} />
      </div>
    </li>
  );
}
