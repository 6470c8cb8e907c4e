import { ChevronRight } from "lucide-react";
import type { ReactNode } from "react";
import { LocalTime } from "@/components/shell/local-time";
import { formatBytes, formatDuration } from "@/lib/format";
import type { JobSummary } from "@/lib/jobs/select";
import { isActive } from "@/lib/jobs/status";
import { languageName } from "@/lib/languages";
import { cn } from "@/lib/utils";

type FactsJob = Pick<
  JobSummary,
  | "status"
  | "model"
  | "language"
  | "detectedLanguage"
  | "languageProb"
  | "task"
  | "wordTimestamps"
  | "durationSec"
  | "processingMs"
  | "sizeBytes"
  | "createdAt"
  | "finishedAt"
>;

function languageFact(job: FactsJob): string {
  if (job.language) return `${languageName(job.language)} (chosen)`;
  if (job.detectedLanguage) {
    const name = languageName(job.detectedLanguage);
    return job.languageProb == null ? `${name} (detected)` : `${name} · ${Math.round(job.languageProb * 100)}%`;
  }
  if (isActive(job.status)) return "Detected when it runs";
  return job.status === "completed" ? "Unknown" : "–";
}

/** "2:14 for 10:05 of audio · 4.5× real time" */
function processingFact(job: FactsJob): string {
  if (!job.processingMs) return job.status === "processing" ? "Running…" : "–";
  const seconds = job.processingMs / 1000;
  const took = seconds < 60 ? `${Math.max(1, Math.round(seconds))} s` : formatDuration(seconds);
  if (!job.durationSec) return took;
  return `${took} for ${formatDuration(job.durationSec)} of audio · ${(job.durationSec / seconds).toFixed(1)}× real time`;
}

function Fact({ label, children, wide = false }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={cn("grid min-w-0 content-start gap-0.5", wide && "col-span-2 sm:col-span-1")}>
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="break-words text-sm">{children}</dd>
    </div>
  );
}

/** What Selenite knows about a job. Refreshed from the server when the job finishes. */
export function JobFacts({ job }: { job: FactsJob }) {
  return (
    <dl className="grid grid-cols-2 gap-x-4 gap-y-3 sm:grid-cols-3 lg:grid-cols-1">
      <Fact label="Language">{languageFact(job)}</Fact>
      <Fact label="Model">{job.model}</Fact>
      <Fact label="Task">
        {job.task === "translate" ? "Translate to English" : "Transcribe"}
        {job.wordTimestamps ? <span className="text-muted-foreground"> · word timestamps</span> : null}
      </Fact>
      <Fact label="Duration">{formatDuration(job.durationSec)}</Fact>
      <Fact label="Processing" wide>
        {processingFact(job)}
      </Fact>
      <Fact label="File size">{formatBytes(job.sizeBytes)}</Fact>
      <Fact label="Added">
        <LocalTime iso={job.createdAt} relative />
      </Fact>
      {job.finishedAt ? (
        <Fact label="Finished">
          <LocalTime iso={job.finishedAt} />
        </Fact>
      ) : null}
    </dl>
  );
}

/**
 * On small screens the details fold into one line above the player, so the player
 * and the transcript come first; the sidebar shows them in full on large screens.
 */
export function JobFactsDisclosure({ job, className }: { job: FactsJob; className?: string }) {
  return (
    <details className={cn("group rounded-lg border bg-card text-sm", className)}>
      <summary className="flex cursor-pointer list-none items-center gap-2 px-4 py-2.5 [&::-webkit-details-marker]:hidden">
        <ChevronRight aria-hidden className="size-4 shrink-0 text-muted-foreground transition-transform group-open:rotate-90" />
        <span className="font-medium">Details</span>
        <span className="min-w-0 truncate text-muted-foreground">
          {languageFact(job)} · {job.model} · {formatDuration(job.durationSec)}
        </span>
      </summary>
      <div className="border-t px-4 py-3">
        <JobFacts job={job} />
      </div>
    </details>
  );
}
