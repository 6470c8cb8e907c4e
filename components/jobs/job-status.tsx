"use client";

import { LoaderCircle } from "lucide-react";
import { useJobLive } from "@/components/jobs/job-live";
import { Badge, type BadgeProps } from "@/components/ui/badge";
import { formatApprox, formatEta, formatPlaceInLine } from "@/lib/format";
import type { QueuePlace } from "@/lib/jobs/queue-line";

const STATUS: Record<string, { label: string; variant: BadgeProps["variant"] }> = {
  queued: { label: "Queued", variant: "secondary" },
  processing: { label: "Processing", variant: "info" },
  completed: { label: "Completed", variant: "success" },
  failed: { label: "Failed", variant: "destructive" },
  cancelled: { label: "Cancelled", variant: "outline" },
};

const STAGES: Record<string, string> = {
  probing: "Reading the file",
  "loading model": "Loading the model",
  transcribing: "Transcribing",
  finalizing: "Saving the transcript",
};

export function stageLabel(stage: string | null): string {
  return (stage && STAGES[stage]) ?? "Starting";
}

/** "Transcribing · 42% · 3 min left", for a job that is running. */
export function progressText(job: { stage: string | null; progress: number; etaSec: number | null }): string {
  const parts = [stageLabel(job.stage)];
  if (job.progress > 0) parts.push(`${Math.round(job.progress * 100)}%`);
  const eta = formatEta(job.etaSec);
  if (eta) parts.push(eta);
  return parts.join(" · ");
}

/** The status as a badge, with the percentage and time left while it runs. Live. */
export function JobStatus({ queue }: { queue?: QueuePlace | null }) {
  const job = useJobLive();
  const status = STATUS[job.status] ?? { label: job.status, variant: "outline" as const };
  return (
    <span className="inline-flex flex-wrap items-center gap-2" data-testid="job-status">
      <Badge variant={status.variant} aria-live="polite">
        {job.status === "processing" ? <LoaderCircle className="animate-spin" /> : null}
        {job.cancelling ? "Stopping…" : status.label}
        {job.status === "processing" && !job.cancelling && job.progress > 0 ? <span className="tabular-nums">{Math.round(job.progress * 100)}%</span> : null}
      </Badge>
      {job.status === "queued" && queue ? (
        <span className="text-sm text-muted-foreground" data-testid="job-queue">
          {formatPlaceInLine(queue.position)}
          {queue.etaSec != null ? ` · done in about ${formatApprox(queue.etaSec)}` : ""}
        </span>
      ) : null}
      {job.status === "processing" && job.etaSec != null && !job.cancelling ? (
        <span className="text-sm text-muted-foreground tabular-nums">{formatEta(job.etaSec)}</span>
      ) : null}
      {job.status === "completed" && (job.speakerStage?.status === "running" || job.speakerStage?.status === "queued") ? (
        <Badge variant="info" data-testid="speaker-badge">
          <LoaderCircle className="animate-spin" />
          Identifying speakers
          {job.speakerStage.progress > 0 ? <span className="tabular-nums">{Math.round(job.speakerStage.progress * 100)}%</span> : null}
        </Badge>
      ) : null}
    </span>
  );
}
