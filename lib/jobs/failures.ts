// The words a failed job shows the person who submitted it: every message stored in
// a job's `error` is made here. SeleniteErrors (bad media, missing model) were
// written for people and pass through as they are; anything else is reduced to one
// short line (the full stack goes to the log, not to the job page).
import { isSeleniteError } from "@/lib/errors";

export type JobFailure = { code: string; message: string };

/** Why the engine could not transcribe the file. */
export function describeFailure(error: unknown): JobFailure {
  if (isSeleniteError(error)) return { code: error.code, message: error.message };
  const raw = error instanceof Error ? error.message : String(error);
  const line = raw.split("\n").find((part) => part.trim()) ?? "unknown error";
  const short = line.trim().replace(/\s+/g, " ");
  return { code: "internal", message: `Transcription failed: ${short.length > 160 ? `${short.slice(0, 159)}…` : short}` };
}

/** Why the speaker stage could not run; the transcript is never touched by it, and the message says so. */
export function speakerFailure(error: unknown): JobFailure {
  const { code, message } = describeFailure(error);
  const text = code === "internal" ? message.replace(/^Transcription failed:/, "Identifying speakers failed:") : message;
  return { code, message: `${text} The transcript is safe; you can run Identify speakers again from the job page.` };
}

/** The transcript was made but could not be written to the database. */
export function saveFailure(error: unknown): JobFailure {
  const text = `${(error as { code?: unknown })?.code ?? ""} ${error instanceof Error ? error.message : ""}`;
  if (/SQLITE_FULL|ENOSPC|disk is full/i.test(text)) {
    return {
      code: "insufficient_storage",
      message: "The server's disk is full, so this transcript could not be saved. Free some space on the server, then restart this job.",
    };
  }
  return { code: "internal", message: "Selenite could not save this transcript. The server log has the details." };
}

/** The worker thread died (out of memory, a native crash) this many times in a row on this file, without finishing a window in between. */
export function crashedTooOften(times: number, exitCode?: number): JobFailure {
  return {
    code: "engine_crash",
    message:
      `The transcription engine crashed ${times} times in a row on this file${exitCode === undefined ? "" : ` (last exit code ${exitCode})`}, so Selenite stopped retrying it. ` +
      "The file may be damaged or unusual: try converting it (for example to WAV or MP3) and upload it again, or restart this job with another model.",
  };
}

/** A job reached a worker thread that was still running another one. */
export const WORKER_BUSY: JobFailure = { code: "busy", message: "This transcription worker is already busy with another job." };
