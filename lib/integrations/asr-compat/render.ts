// /asr's answer in the `output` asked for, as whisper-asr-webservice writes it: txt is
// one segment per line, tsv is start/end in integer milliseconds, json is whisper's
// result dict; srt and vtt come from the exporters (lib/exports).
import { cleanText } from "@/lib/exports/text";
import { toSrt } from "@/lib/exports/srt";
import type { Transcript } from "@/lib/exports/types";
import { toVtt } from "@/lib/exports/vtt";
import { transcriptLanguage, transcriptText, whisperSegments } from "@/lib/integrations/compat/whisper-result";
import type { AsrRequest } from "@/lib/integrations/asr-compat/fields";

function lines(transcript: Transcript): string {
  return transcript.segments.map((s) => `${cleanText(s.text)}\n`).join("");
}

function tsv(transcript: Transcript): string {
  const rows = transcript.segments.map((s) => `${Math.round(s.start * 1000)}\t${Math.round(s.end * 1000)}\t${cleanText(s.text).replace(/\t/g, " ")}\n`);
  return `start\tend\ttext\n${rows.join("")}`;
}

export function renderAsr(transcript: Transcript, request: AsrRequest): string {
  switch (request.output) {
    case "txt":
      return lines(transcript);
    case "tsv":
      return tsv(transcript);
    case "srt":
      return toSrt(transcript.segments);
    case "vtt":
      return toVtt(transcript.segments);
    case "json":
      return JSON.stringify({
        text: transcriptText(transcript),
        segments: whisperSegments(transcript, request.wordTimestamps),
        language: transcriptLanguage(transcript, "code"),
      });
  }
}
