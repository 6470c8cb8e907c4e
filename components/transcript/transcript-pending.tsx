"use client";

import { Ban, CircleAlert, Clock, LoaderCircle } from "lucide-react";
import type { ReactNode } from "react";
import { useJobLive } from "@/components/jobs/job-live";
import { progressText, stageLabel } from "@/components/jobs/job-status";
import { Progress } from "@/components/ui/progress";
import { formatTimestamp } from "@/lib/format";
import { cn } from "@/lib/utils";

function Panel({ icon, title, children, tone = "muted" }: { icon: ReactNode; title: string; children?: ReactNode; tone?: "muted" | "destructive" }) {
  return (
    <section
      aria-label="Transcript"
      className={cn("grid gap-3 rounded-lg border border-dashed px-5 py-8 sm:px-8", tone === "destructive" && "border-destructive/50")}
    >
      <div className={cn("flex items-center gap-2 font-semibold", tone === "destructive" && "text-destructive")}>
        <span className="[&_svg]:size-5">{icon}</span>
        <h2>{title}</h2>
      </div>
      {children}
    </section>
  );
}

/**
 * Where the transcript goes while there is none: live progress while it is made,
 * the reason when it failed. Never stand-in text that could be mistaken for a transcript.
 */
export function TranscriptPending({ restart, keeping = false, partialUntil = null }: { restart: ReactNode; keeping?: boolean; partialUntil?: number | null }) {
  const job = useJobLive();
  // A restart of a job that has a transcript: it stays below, unchanged, until the new one is done.
  const kept = "The transcript below stays as it is, and can still be corrected, until the new one is done.";
  if (job.status === "queued") {
    return (
      <Panel icon={<Clock />} title="Waiting in the queue">
        <p className="text-sm text-muted-foreground">
          It starts as soon as the recordings ahead of it are done. You can leave this page; the work goes on.{keeping ? ` ${kept}` : ""}
        </p>
      </Panel>
    );
  }
  if (job.status === "processing") {
    const known = job.progress > 0 || job.stage === "transcribing";
    return (
      <Panel icon={<LoaderCircle className="animate-spin" />} title={job.cancelling ? "Stopping…" : stageLabel(job.stage)}>
        <Progress value={known ? job.progress : null} aria-label="Transcription progress" />
        <p className="text-sm tabular-nums text-muted-foreground" data-testid="job-progress">
          {progressText(job)}
        </p>
        <p className="text-sm text-muted-foreground">
          {keeping ? kept : "The transcript appears here when it is done."} You can leave this page; the work goes on.
        </p>
        {job.soFar.length ? (
          <div className="grid gap-2" data-testid="transcript-so-far">
            <h3 className="text-sm font-medium">{keeping ? "The new transcript so far" : "So far"}</h3>
            <ol className="grid max-h-80 gap-1 overflow-y-auto text-sm">
              {job.soFar.map((segment, index) => (
                <li key={index} className="flex gap-3">
                  <span className="shrink-0 tabular-nums text-muted-foreground">{formatTimestamp(segment.start)}</span>
                  <span>{segment.text}</span>
                </li>
              ))}
            </ol>
          </div>
        ) : null}
      </Panel>
    );
  }
  if (job.status === "failed") {
    return (
      <Panel icon={<CircleAlert />} title={keeping ? "The new transcription failed" : "The transcription failed"} tone="destructive">
        <p className="text-sm" data-testid="job-error">
          {job.error ?? "No reason was recorded. The server log may say more."}
        </p>
        <div className="flex flex-wrap items-center gap-3">
          {restart}
          <span className="text-sm text-muted-foreground">
            Another model or a set language sometimes helps.{keeping ? " The transcript below is the one from before, unchanged." : ""}
          </span>
        </div>
      </Panel>
    );
  }
  if (job.status === "cancelled" && keeping && partialUntil !== null) {
    return (
      <Panel icon={<Ban />} title={`Cancelled at ${formatTimestamp(partialUntil)} — partial transcript`}>
        <p className="text-sm text-muted-foreground" data-testid="partial-transcript">
          What was transcribed before the cancel is below: read it, correct it and download it. Restart to transcribe the whole recording; this partial
          transcript is kept so it can be restored.
        </p>
        <div>{restart}</div>
      </Panel>
    );
  }
  if (job.status === "cancelled") {
    return (
      <Panel icon={<Ban />} title="This transcription was cancelled">
        <p className="text-sm text-muted-foreground">
          {keeping ? "The transcript below is the one from before, unchanged." : "Nothing was kept. Restart it to make a transcript."}
        </p>
        <div>{restart}</div>
      </Panel>
    );
  }
  // Completed, and the page is fetching the transcript from the server.
  return (
    <Panel icon={<LoaderCircle className="animate-spin" />} title="Loading the transcript…">
      <p className="text-sm text-muted-foreground">It is done; the text is on its way.</p>
    </Panel>
  );
}
