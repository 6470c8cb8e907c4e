// What a failed job tells the person who submitted it. SeleniteErrors (bad media,
// missing model, cancellation) were written for people and pass through as they
// are; anything else is an engine fault, reduced to one short line (the full stack
// goes to the log, not to the job page).
import { isSeleniteError } from "@/lib/errors";

export function describeFailure(error: unknown): { code: string; message: string } {
  if (isSeleniteError(error)) return { code: error.code, message: error.message };
  const raw = error instanceof Error ? error.message : String(error);
  const line = raw.split("\n").find((part) => part.trim()) ?? "unknown error";
  const short = line.trim().replace(/\s+/g, " ");
  return { code: "internal", message: `Transcription failed: ${short.length > 160 ? `${short.slice(0, 159)}…` : short}` };
}
