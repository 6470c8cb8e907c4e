// SubRip (.srt): numbered cues, "HH:MM:SS,mmm --> HH:MM:SS,mmm", CRLF line ends (what
// the oldest players expect; every modern one accepts them too).
import { buildCues } from "@/lib/exports/cues";
import { cueTimestamp } from "@/lib/exports/time";
import type { ExportSegment } from "@/lib/exports/types";

/**
 * SRT has no escaping, and players render <b>/<i>/<font> tags and {\an8}-style override
 * blocks found in the text. Look-alike characters keep what was said visible as written.
 */
export function srtText(line: string): string {
  return line.replace(/-->/g, "→").replace(/</g, "‹").replace(/>/g, "›").replace(/\{/g, "｛").replace(/\}/g, "｝");
}

/** Cues carry the speaker's name in front ("Ana: …") whenever the speaker changes, as broadcast subtitles mark a new voice. */
export function toSrt(segments: ExportSegment[]): string {
  let previous: string | null = null;
  const blocks = buildCues(segments).map((cue, i) => {
    const lines = cue.speaker && cue.speaker !== previous ? [`${cue.speaker}: ${cue.lines[0]}`, ...cue.lines.slice(1)] : cue.lines;
    previous = cue.speaker;
    return `${i + 1}\r\n${cueTimestamp(cue.startMs, ",")} --> ${cueTimestamp(cue.endMs, ",")}\r\n${lines.map(srtText).join("\r\n")}\r\n`;
  });
  return blocks.join("\r\n");
}
