import { ArrowLeft, FileAudio, FileVideo } from "lucide-react";
import Link from "next/link";
import { JobActions } from "@/components/jobs/job-actions";
import type { RestartModel } from "@/components/jobs/job-restart-dialog";
import { JobStatus } from "@/components/jobs/job-status";
import { JobTags } from "@/components/jobs/job-tags";
import { JobTitle } from "@/components/jobs/job-title";
import type { JobSummary } from "@/lib/jobs/select";
import { formatBytes } from "@/lib/format";

type Props = {
  job: JobSummary;
  /** Where the link above the title goes: the dashboard, or the search results the job was opened from. */
  back?: { href: string; label: string };
  models: RestartModel[];
  trashDays: number;
  hasTranscript: boolean;
  allTags: { id: string; name: string; color: string }[];
};

/** Name (renamable), file, live status, tags and the actions on the job. */
export function JobHeader({ job, back = { href: "/", label: "Dashboard" }, models, trashDays, hasTranscript, allTags }: Props) {
  const FileIcon = job.hasVideo ? FileVideo : FileAudio;
  return (
    <header className="grid gap-3">
      <Link href={back.href} className="inline-flex w-fit items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft className="size-4" aria-hidden />
        {back.label}
      </Link>
      <div className="flex flex-wrap items-start justify-between gap-x-6 gap-y-3">
        <div className="grid min-w-0 flex-1 basis-80 gap-2">
          <JobTitle jobId={job.id} title={job.title} />
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5">
            <JobStatus queue={job.queue} />
            <span className="inline-flex min-w-0 items-center gap-1.5 text-sm text-muted-foreground">
              <FileIcon className="size-4 shrink-0" aria-hidden />
              <span className="truncate" title={job.originalName}>
                {job.originalName}
              </span>
              <span className="shrink-0">· {formatBytes(job.sizeBytes)}</span>
            </span>
          </div>
          <JobTags jobId={job.id} tags={job.tags} allTags={allTags} />
        </div>
        <JobActions
          jobId={job.id}
          title={job.title}
          models={models}
          trashDays={trashDays}
          hasTranscript={hasTranscript}
          options={{
            model: job.model,
            language: job.language,
            task: job.task,
            wordTimestamps: job.wordTimestamps,
            beamSize: job.beamSize,
            patience: job.patience,
            vad: job.vad,
            speakers: job.speakers,
            speakerCount: job.speakerCount,
            minSpeakers: job.minSpeakers,
            maxSpeakers: job.maxSpeakers,
          }}
        />
      </div>
    </header>
  );
}
