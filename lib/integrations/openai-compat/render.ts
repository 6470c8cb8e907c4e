// The answer to a finished transcription in the response_format asked for. Subtitles
// come from the exporters (lib/exports), the JSON shapes are OpenAI's.
import { toSrt } from "@/lib/exports/srt";
import type { Transcript } from "@/lib/exports/types";
import { toVtt } from "@/lib/exports/vtt";
import { transcriptDuration, transcriptLanguage, transcriptText, whisperSegments, wordsOf } from "@/lib/integrations/compat/whisper-result";
import type { OpenAiRequest } from "@/lib/integrations/openai-compat/fields";

/** verbose_json as OpenAI documents it: segments unless only words were asked for, words when they were. */
export function verboseJson(transcript: Transcript, granularities: OpenAiRequest["granularities"]) {
  const words = granularities.includes("word");
  const segments = granularities.length === 0 || granularities.includes("segment");
  return {
    task: transcript.job.task === "translate" ? "translate" : "transcribe",
    language: transcriptLanguage(transcript, "name"),
    duration: transcriptDuration(transcript),
    text: transcriptText(transcript),
    ...(segments ? { segments: whisperSegments(transcript, false) } : {}),
    ...(words ? { words: wordsOf(transcript.segments) } : {}),
  };
}

export function renderOpenAi(transcript: Transcript, request: OpenAiRequest): Response {
  switch (request.format) {
    case "json":
      return Response.json({ text: transcriptText(transcript) });
    case "verbose_json":
      return Response.json(verboseJson(transcript, request.granularities));
    case "text":
      return new Response(`${transcriptText(transcript)}\n`, { headers: { "content-type": "text/plain; charset=utf-8" } });
    case "srt":
      return new Response(toSrt(transcript.segments), { headers: { "content-type": "text/plain; charset=utf-8" } });
    case "vtt":
      return new Response(toVtt(transcript.segments), { headers: { "content-type": "text/plain; charset=utf-8" } });
  }
}
