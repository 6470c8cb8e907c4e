// The queue's interface. The SQLite implementation keeps jobs in the jobs table;
// a Redis/BullMQ one (for workers on other machines) can be added behind the same
// interface without touching the dispatcher or the job service.
import type { JobFailure } from "@/lib/jobs/failures";
import type { DecodingChoice } from "@/lib/jobs/options";
import type { EngineProgress, TranscriptResult } from "@/lib/transcription/types";

export type ClaimedJob = {
  id: string;
  userId: string;
  storedName: string;
  model: string;
  language: string | null;
  task: "transcribe" | "translate";
  wordTimestamps: boolean;
  attempts: number;
} & DecodingChoice;

export interface JobQueue {
  /** Atomically takes the oldest queued job for this worker, or null. */
  claim(workerId: string): Promise<ClaimedJob | null>;
  /** Records progress and proves the worker is alive. */
  heartbeat(jobId: string, workerId: string, progress: EngineProgress): Promise<void>;
  /** Saves the transcript and marks the job completed, in one transaction. */
  complete(jobId: string, workerId: string, result: TranscriptResult): Promise<void>;
  /** Puts a running job back in line (shutdown), unless it finished meanwhile. */
  park(jobId: string, workerId: string): Promise<void>;
  /** Marks a running job failed with the failure's message (worded by lib/jobs/failures). */
  fail(jobId: string, workerId: string, failure: JobFailure): Promise<void>;
  /** Marks a running job cancelled once the worker has stopped. */
  cancelled(jobId: string, workerId: string): Promise<void>;
  /** On start-up: jobs left "processing" by a crash go back to the queue. Returns their count. */
  recover(): Promise<number>;
}
