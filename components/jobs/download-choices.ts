// The downloads offered in the menus, as links to the export route: the browser
// downloads them itself (with the server's file name), so no JavaScript is involved.
import type { ExportFormat } from "@/lib/exports/types";

export type DownloadChoice = { format: ExportFormat; timestamps?: boolean; label: string; hint: string };

export const DOWNLOAD_CHOICES: readonly DownloadChoice[] = [
  { format: "txt", label: "Plain text", hint: ".txt" },
  { format: "txt", timestamps: true, label: "Text with timestamps", hint: ".txt" },
  { format: "docx", label: "Word document", hint: ".docx" },
  { format: "md", label: "Markdown", hint: ".md" },
  { format: "srt", label: "SubRip subtitles", hint: ".srt" },
  { format: "vtt", label: "WebVTT subtitles", hint: ".vtt" },
  { format: "json", label: "JSON, everything", hint: ".json" },
];

export function exportHref(jobId: string, choice: DownloadChoice): string {
  const query = new URLSearchParams({ format: choice.format });
  if (choice.timestamps) query.set("timestamps", "true");
  return `/api/jobs/${encodeURIComponent(jobId)}/export?${query}`;
}

export const choiceKey = (choice: DownloadChoice) => `${choice.format}${choice.timestamps ? "-timestamps" : ""}`;
