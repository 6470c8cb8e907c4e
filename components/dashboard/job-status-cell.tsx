import { Progress } from "@/components/ui/progress";
import { formatApprox, formatEta, formatPlaceInLine } from "@/lib/format";
import { cn } from "@/lib/utils";

type StatusFields = {
  status: string;
  stage: string | null;
  progress: number;
  etaSec: number | null;
  error: string | null;
  queue?: { position: number; etaSec: number | null } | null;
};

const LOOK: Record<string, { label: string; badge: string; dot: string }> = {
  queued: { label: "Queued", badge: "bg-muted text-muted-foreground", dot: "bg-muted-foreground" },
  processing: { label: "Processing", badge: "bg-primary/12 text-primary", dot: "bg-primary animate-pulse" },
  completed: { label: "Completed", badge: "bg-success/12 text-success", dot: "bg-success" },
  failed: { label: "Failed", badge: "bg-destructive/12 text-destructive", dot: "bg-destructive" },
  cancelled: { label: "Cancelled", badge: "bg-muted text-muted-foreground", dot: "bg-muted-foreground/60" },
};

export const STATUSES = Object.keys(LOOK);

export function statusLabel(status: string): string {
  return LOOK[status]?.label ?? status;
}

function stageText(stage: string | null): string {
  if (!stage) return "Starting";
  return stage.charAt(0).toUpperCase() + stage.slice(1);
}

/** Status badge, and while processing a live bar with stage and time left; a failure shows its reason. */
export function JobStatusCell({ job }: { job: StatusFields }) {
  const look = LOOK[job.status] ?? LOOK.queued;
  return (
    <div className="grid min-w-0 gap-1.5">
      <span className={cn("inline-flex w-fit items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium", look.badge)}>
        <span aria-hidden className={cn("size-1.5 rounded-full", look.dot)} />
        <span data-testid="job-status">{look.label}</span>
      </span>
      {job.status === "processing" ? (
        <div className="grid gap-1">
          <Progress value={job.progress} aria-label="Transcription progress" />
          <p className="flex gap-1 truncate text-xs text-muted-foreground" data-testid="job-progress">
            <span>{stageText(job.stage)}</span>
            <span aria-hidden>·</span>
            <span className="tabular-nums">{Math.round(job.progress * 100)}%</span>
            {job.etaSec != null ? (
              <>
                <span aria-hidden>·</span>
                <span className="truncate">{formatEta(job.etaSec)}</span>
              </>
            ) : null}
          </p>
        </div>
      ) : null}
      {job.status === "queued" && job.queue ? (
        <p className="truncate text-xs text-muted-foreground" data-testid="job-queue">
          {formatPlaceInLine(job.queue.position)}
          {job.queue.etaSec != null ? ` · done in about ${formatApprox(job.queue.etaSec)}` : ""}
        </p>
      ) : null}
      {job.status === "failed" && job.error ? (
        <p className="line-clamp-2 text-xs text-destructive" title={job.error}>
          {job.error}
        </p>
      ) : null}
    </div>
  );
}
