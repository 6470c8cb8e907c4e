// Markdown: "# Title", the facts as a list, then "**[HH:MM:SS]** **Speaker:** text"
// paragraphs. Transcript text is escaped so it renders exactly as written.
import { exportTitle, jobFacts } from "@/lib/exports/facts";
import { toParagraphs } from "@/lib/exports/paragraphs";
import { clockTimestamp } from "@/lib/exports/time";
import type { Transcript } from "@/lib/exports/types";

/** Escapes what means something inline (emphasis, code, links, HTML, tables, entities like "&amp;"). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]<>|~#]/g, "\\$&").replace(/&(?=#?[a-z0-9]+;)/gi, "\\&");
}

/** Also neutralizes what means something at the start of a line (lists, quotes, rules, headings). */
function escapeLineStart(text: string): string {
  return text.replace(/^(\d+)([.)])/, "$1\\$2").replace(/^([-+=])/, "\\$1");
}

export function toMarkdown(transcript: Transcript, options: { timestamps?: boolean } = {}): string {
  const timestamps = options.timestamps ?? true;
  const facts = jobFacts(transcript.job).map((f) => `- **${f.label}:** ${escapeMarkdown(f.value)}`);
  const paragraphs = toParagraphs(transcript.segments).map((p) => {
    const stamp = timestamps ? `**[${clockTimestamp(p.start)}]** ` : "";
    const speaker = p.speaker ? `**${escapeMarkdown(p.speaker)}:** ` : "";
    const text = escapeMarkdown(p.text);
    return `${stamp}${speaker}${stamp || speaker ? text : escapeLineStart(text)}`;
  });
  const body = paragraphs.length ? paragraphs : ["*This transcript has no text.*"];
  return `# ${escapeMarkdown(exportTitle(transcript.job))}\n\n${facts.join("\n")}\n\n---\n\n${body.join("\n\n")}\n`;
}
