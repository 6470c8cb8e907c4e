// A segment as the engine made it, in the shape Segment stores: the text cleaned,
// kept as the machine's text, with the decoder's figures. The compression ratio is
// computed here when the engine did not report one, so every stored segment has it.
import { cleanText } from "@/lib/text";
import { compressionRatio } from "@/lib/transcripts/compression";
import type { SegmentData } from "@/lib/transcripts/range";
import { wordsJson } from "@/lib/transcripts/words";
import type { TranscriptSegment } from "@/lib/transcription/types";

export function machineSegment(segment: TranscriptSegment): SegmentData {
  const text = cleanText(segment.text);
  return {
    start: segment.start,
    end: segment.end,
    text,
    originalText: text,
    edited: false,
    speaker: null,
    words: wordsJson(segment.words),
    avgLogprob: segment.avgLogprob ?? null,
    noSpeechProb: segment.noSpeechProb ?? null,
    compressionRatio: segment.compressionRatio ?? Math.round(compressionRatio(segment.text) * 1000) / 1000,
    temperature: segment.temperature ?? null,
    speechRatio: segment.speechRatio ?? null,
  };
}
