// The exporters behind one call: a transcript and a format in, the file's bytes and
// how to serve them out.
import { toDocx } from "@/lib/exports/docx";
import { toJson } from "@/lib/exports/json";
import { toMarkdown } from "@/lib/exports/md";
import { toSrt } from "@/lib/exports/srt";
import { toTxt } from "@/lib/exports/txt";
import { toVtt } from "@/lib/exports/vtt";
import type { ExportFormat, ExportOptions, ExportResult, Transcript } from "@/lib/exports/types";

export { contentDisposition, uniqueNames } from "@/lib/exports/filename";
export type { ExportFormat, ExportOptions, ExportResult, Transcript } from "@/lib/exports/types";

export const CONTENT_TYPES: Readonly<Record<ExportFormat | "zip", string>> = {
  txt: "text/plain; charset=utf-8",
  srt: "application/x-subrip",
  vtt: "text/vtt; charset=utf-8",
  json: "application/json",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  md: "text/markdown; charset=utf-8",
  zip: "application/zip",
};

async function render(format: ExportFormat, transcript: Transcript, options: ExportOptions): Promise<string | Uint8Array<ArrayBuffer>> {
  switch (format) {
    case "txt":
      return toTxt(transcript.segments, options);
    case "srt":
      return toSrt(transcript.segments);
    case "vtt":
      return toVtt(transcript.segments);
    case "json":
      return toJson(transcript, options);
    case "docx":
      return toDocx(transcript, options);
    case "md":
      return toMarkdown(transcript, options);
  }
}

export async function exportTranscript(format: ExportFormat, transcript: Transcript, options: ExportOptions = {}): Promise<ExportResult> {
  return { body: await render(format, transcript, options), contentType: CONTENT_TYPES[format], extension: format };
}
