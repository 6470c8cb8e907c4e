// The queue's interface. The SQLite implementation keeps jobs in the jobs table;
// a Redis/BullMQ one (for workers on other machines) can be added behind the same
// interface without touching the dispatcher or the job service.
import type { JobFailure } from "@/lib/jobs/failures";
import type { DecodingChoice } from "@/lib/jobs/options";
import type { EngineProgress, ResumeFrom, TranscriptResult, WindowCommit } from "@/lib/transcription/types";

export type ClaimedJob = {
  id: string;
  userId: string;
  storedName: string;
  model: string;
  language: string | null;
  task: "transcribe" | "translate";
  wordTimestamps: boolean;
  beamSize: number;
  patience: number;
  vad: boolean;
  /** Claims since a person last (re)started it, this one included. */
  attempts: number;
  /** Set when only [start, end] is to be transcribed again (lib/transcripts/span.ts); the options above are the span's. */
  span: { start: number; end: number } | null;
  /** Where an interrupted run of this job stopped; undefined = from the start. */
  resume?: ResumeFrom;
} & DecodingChoice;

export interface JobQueue {
  /** Atomically takes the oldest queued job for this worker, or null. */
  claim(workerId: string): Promise<ClaimedJob | null>;
  /** Records progress and proves the worker is alive. */
  heartbeat(jobId: string, workerId: string, progress: EngineProgress): Promise<void>;
  /** Commits one window's segments with the resume point after it, in one transaction. */
  commitWindow(jobId: string, workerId: string, commit: WindowCommit): Promise<boolean>;
  /** Saves the transcript and marks the job completed, in one transaction. */
  complete(jobId: string, workerId: string, result: TranscriptResult): Promise<void>;
  /** Puts a running job back in line (shutdown), unless it finished meanwhile; it resumes where it stopped. */
  park(jobId: string, workerId: string): Promise<void>;
  /** The worker died during the job: back in line to resume, or failed once it has crashed MAX_ATTEMPTS times in a row. */
  crashed(jobId: string, workerId: string, attempts: number, failure: JobFailure): Promise<"requeued" | "failed">;
  /** Marks a running job failed with the failure's message (worded by lib/jobs/failures). */
  fail(jobId: string, workerId: string, failure: JobFailure): Promise<void>;
  /** Marks a running job cancelled once the worker has stopped. */
  cancelled(jobId: string, workerId: string): Promise<void>;
  /** On start-up: jobs left "processing" by a crash go back to the queue (or fail, see crashed). Returns how many went back. */
  recover(): Promise<number>;
}
