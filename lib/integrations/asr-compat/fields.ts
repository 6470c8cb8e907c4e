// whisper-asr-webservice's query parameters, checked and turned into Selenite's
// upload options. Those of its other engines (diarize, min/max_speakers, vad_filter)
// are accepted and ignored.
import { z } from "zod";

export const ASR_OUTPUTS = ["txt", "vtt", "srt", "tsv", "json"] as const;
export type AsrOutput = (typeof ASR_OUTPUTS)[number];

// FastAPI's bool: true/false, 1/0, yes/no, on/off, any case.
const flag = (name: string) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(["true", "false", "1", "0", "yes", "no", "on", "off"], { message: `${name} must be true or false.` }))
    .transform((v) => ["true", "1", "yes", "on"].includes(v));

export const asrQuerySchema = z.object({
  task: z.enum(["transcribe", "translate"], { message: "task must be transcribe or translate." }).default("transcribe"),
  language: z.string().trim().max(12).optional(),
  initial_prompt: z.string().max(1000, "Keep initial_prompt under 1000 characters: only its last 223 tokens reach the model.").optional(),
  output: z.enum(ASR_OUTPUTS, { message: `output must be one of ${ASR_OUTPUTS.join(", ")}.` }).default("txt"),
  encode: flag("encode").default(true),
  word_timestamps: flag("word_timestamps").default(false),
});

export const detectQuerySchema = z.object({ encode: flag("encode").default(true) });

export type AsrRequest = { output: AsrOutput; encode: boolean; wordTimestamps: boolean };

export function translateAsrQuery(query: Record<string, string>): { upload: Record<string, string>; extra: AsrRequest } {
  const q = asrQuerySchema.parse(query);
  const upload: Record<string, string> = { task: q.task };
  if (q.language) upload.language = q.language;
  if (q.initial_prompt !== undefined) upload.prompt = q.initial_prompt;
  if (q.word_timestamps) upload.wordTimestamps = "true";
  return { upload, extra: { output: q.output, encode: q.encode, wordTimestamps: q.word_timestamps } };
}
