// WebVTT (.vtt): "WEBVTT" header, "HH:MM:SS.mmm --> HH:MM:SS.mmm" cues.
import { buildCues } from "@/lib/exports/cues";
import { cueTimestamp } from "@/lib/exports/time";
import type { ExportSegment } from "@/lib/exports/types";

/** Cue text is markup in WebVTT: escape it so "<b>" shows as typed; "-->" would end the cue. */
export function vttText(line: string): string {
  return line.replace(/-->/g, "→").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A voice span's annotation: no tag-ending ">" and no line break in it. */
function voiceName(name: string): string {
  return name
    .replace(/[\r\n]+/g, " ")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

/** With speakers, each cue's text is a voice span (`<v Ana>…`), which players show or style per speaker. */
export function toVtt(segments: ExportSegment[]): string {
  const blocks = buildCues(segments).map((cue) => {
    const text = cue.lines.map(vttText).join("\n");
    return `${cueTimestamp(cue.startMs, ".")} --> ${cueTimestamp(cue.endMs, ".")}\n${cue.speaker ? `<v ${voiceName(cue.speaker)}>${text}` : text}\n`;
  });
  return ["WEBVTT\n", ...blocks].join("\n");
}
