// The job facts shown at the top of md and docx exports, as label/value pairs.
import { formatDuration } from "@/lib/format";
import { languageName } from "@/lib/languages";
import { cleanText } from "@/lib/exports/text";
import type { ExportJob } from "@/lib/exports/types";

export type Fact = { label: string; value: string };

function languageFact(job: ExportJob): string {
  const code = job.detectedLanguage ?? job.language;
  if (!code) return "Unknown";
  const how = job.language ? "chosen" : job.languageProb != null ? `detected, ${Math.round(job.languageProb * 100)}%` : "detected";
  return `${languageName(code)} (${code}, ${how})`;
}

/** Dates as "2026-01-31 14:05 UTC": one unambiguous form, whatever the server's locale. */
function dateFact(iso: string | null): string | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function jobFacts(job: ExportJob): Fact[] {
  const facts: Fact[] = [
    { label: "File", value: cleanText(job.originalName) || "–" },
    { label: "Duration", value: formatDuration(job.durationSec) },
    { label: "Language", value: languageFact(job) },
    { label: "Model", value: cleanText(job.model) },
    { label: "Task", value: job.task === "translate" ? "Translate to English" : "Transcribe" },
    { label: "Date", value: dateFact(job.createdAt) ?? "–" },
  ];
  const finished = dateFact(job.finishedAt);
  if (finished) facts.push({ label: "Transcribed", value: finished });
  return facts;
}

export function exportTitle(job: ExportJob): string {
  return cleanText(job.title) || cleanText(job.originalName) || "Transcript";
}
