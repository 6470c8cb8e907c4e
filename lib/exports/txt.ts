// Plain text: one paragraph per block, optionally "[HH:MM:SS] " before each.
import { toParagraphs } from "@/lib/exports/paragraphs";
import { clockTimestamp } from "@/lib/exports/time";
import type { ExportSegment } from "@/lib/exports/types";

export function toTxt(segments: ExportSegment[], options: { timestamps?: boolean } = {}): string {
  const blocks = toParagraphs(segments).map((p) => {
    const stamp = options.timestamps ? `[${clockTimestamp(p.start)}] ` : "";
    return `${stamp}${p.speaker ? `${p.speaker}: ` : ""}${p.text}`;
  });
  return blocks.length ? `${blocks.join("\n\n")}\n` : "";
}
