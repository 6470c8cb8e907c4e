// WebVTT (.vtt): "WEBVTT" header, "HH:MM:SS.mmm --> HH:MM:SS.mmm" cues.
import { buildCues } from "@/lib/exports/cues";
import { cueTimestamp } from "@/lib/exports/time";
import type { ExportSegment } from "@/lib/exports/types";

/** Cue text is markup in WebVTT: escape it so "<b>" shows as typed; "-->" would end the cue. */
export function vttText(line: string): string {
  return line.replace(/-->/g, "→").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function toVtt(segments: ExportSegment[]): string {
  const blocks = buildCues(segments).map(
    (cue) => `${cueTimestamp(cue.startMs, ".")} --> ${cueTimestamp(cue.endMs, ".")}\n${cue.lines.map(vttText).join("\n")}\n`,
  );
  return ["WEBVTT\n", ...blocks].join("\n");
}
