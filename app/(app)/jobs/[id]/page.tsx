import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { JobFacts, JobFactsDisclosure } from "@/components/jobs/job-facts";
import { JobHeader } from "@/components/jobs/job-header";
import { JobLiveProvider } from "@/components/jobs/job-live";
import { JobRestartDialog } from "@/components/jobs/job-restart-dialog";
import { JobWarnings } from "@/components/jobs/job-warnings";
import { MediaPlayer } from "@/components/player/media-player";
import { PlayerProvider } from "@/components/player/player-context";
import { Transcript } from "@/components/transcript/transcript";
import { SpeakerStagePanel } from "@/components/speakers/speaker-stage";
import { PreviousTranscript } from "@/components/transcript/previous-transcript";
import { TranscriptPending } from "@/components/transcript/transcript-pending";
import { resultsHref } from "@/components/search/search-results";
import { Card } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/session";
import { getSettings } from "@/lib/settings/service";
import { getConfig } from "@/lib/config";
import { isSeleniteError } from "@/lib/errors";
import { getJob, getTranscript } from "@/lib/jobs/service";
import { isCompleted, isFinished } from "@/lib/jobs/status";
import { searchPatterns } from "@/lib/search/highlight";
import { scanModels } from "@/lib/models/registry";
import { listTags } from "@/lib/tags/service";
import { redoCount, undoCount } from "@/lib/transcripts/edit";
import { transcriptSoFar, transcriptState, transcriptTag } from "@/lib/transcripts/versions";

type Param = string | string[] | undefined;
type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ t?: Param; q?: Param; results?: Param }> };

/** Shared by the metadata and the page within one request. */
const loadJob = cache(async (id: string) => {
  const user = await requirePageUser();
  try {
    return { user, job: await getJob(user.id, id) };
  } catch (error) {
    if (isSeleniteError(error) && error.code === "not_found") notFound();
    throw error;
  }
});

async function installedModels() {
  try {
    return (await scanModels(getConfig().modelsDir)).models.map((m) => ({ name: m.name, multilingual: m.multilingual }));
  } catch {
    return [];
  }
}

/** ?t=90.5 starts playback there (search results link to it). */
function startTime(raw: string | string[] | undefined): number | null {
  const value = Number(Array.isArray(raw) ? raw[0] : raw);
  return raw !== undefined && Number.isFinite(value) && value >= 0 ? value : null;
}

function first(raw: Param): string {
  return (Array.isArray(raw) ? raw[0] : raw) ?? "";
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { job } = await loadJob((await params).id);
  return { title: job.title };
}

export default async function JobPage({ params, searchParams }: Props) {
  const { user, job } = await loadJob((await params).id);
  const finished = isFinished(job.status);
  // A restart keeps the transcript shown (and correctable) until the new one is done.
  const state = await transcriptState(job.id);
  const [segments, undoSteps, redoSteps, tags, models, query, settings, soFar] = await Promise.all([
    state.current ? getTranscript(user.id, job.id) : null,
    state.current ? undoCount(job.id) : 0,
    state.current ? redoCount(job.id) : 0,
    listTags(user.id),
    finished ? installedModels() : [],
    searchParams,
    getSettings(),
    job.status === "processing" ? transcriptSoFar(job.id) : [],
  ]);
  const options = {
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
  };
  const q = first(query.q).slice(0, 500);
  const back = q ? { href: resultsHref(q, first(query.results)), label: "Back to results" } : undefined;
  // A finished job's transcript, complete or kept at a cancel, is what the VTT export serves.
  // Tagged with the transcript's content, so a correction reloads the captions.
  const captions =
    segments && finished ? { src: `/api/jobs/${job.id}/export?format=vtt&v=${transcriptTag(segments)}`, lang: job.detectedLanguage ?? job.language } : null;

  return (
    <JobLiveProvider
      soFar={soFar}
      job={{
        id: job.id,
        status: job.status,
        stage: job.stage,
        progress: job.progress,
        etaSec: job.etaSec,
        error: job.error,
        updatedAt: job.updatedAt,
        speakerStage: job.speakerStage,
      }}
    >
      <PlayerProvider>
        <div className="grid grid-cols-1 gap-6">
          <JobHeader
            job={job}
            back={back}
            models={models}
            hasTranscript={state.current}
            trashDays={settings.trashDays}
            allTags={tags.map(({ id, name, color }) => ({ id, name, color }))}
          />
          <div className="grid grid-cols-1 gap-4 lg:grid-cols-[minmax(0,1fr)_16rem] lg:items-start lg:gap-6">
            <JobFactsDisclosure job={job} className="lg:hidden" />
            <aside aria-label="Details" className="max-lg:hidden lg:sticky lg:top-20 lg:col-start-2 lg:row-start-1">
              <Card className="p-4">
                <JobFacts job={job} />
              </Card>
            </aside>
            <div className="grid min-w-0 content-start gap-4 lg:col-start-1 lg:row-start-1">
              <JobWarnings warnings={job.warnings} />
              <MediaPlayer
                src={`/api/jobs/${job.id}/media`}
                video={job.hasVideo}
                durationHint={job.durationSec}
                startAt={startTime(query.t)}
                peaksSrc={`/api/jobs/${job.id}/peaks`}
                captions={captions}
              />
              {segments && !isCompleted(job.status) ? (
                <TranscriptPending
                  keeping
                  partialUntil={state.partialUntil}
                  restart={<JobRestartDialog jobId={job.id} current={options} models={models} variant="default" />}
                />
              ) : null}
              {segments && isCompleted(job.status) ? <SpeakerStagePanel jobId={job.id} current={options} /> : null}
              {segments ? (
                <Transcript
                  jobId={job.id}
                  segments={segments}
                  undoCount={undoSteps}
                  redoCount={redoSteps}
                  current={options}
                  models={finished ? models : null}
                  highlight={searchPatterns(q)}
                />
              ) : (
                <TranscriptPending restart={<JobRestartDialog jobId={job.id} current={options} models={models} variant="default" />} />
              )}
              {state.previous && finished ? <PreviousTranscript jobId={job.id} previous={state.previous} /> : null}
            </div>
          </div>
        </div>
      </PlayerProvider>
    </JobLiveProvider>
  );
}
