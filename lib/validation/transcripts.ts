import { z } from "zod";
import { transcriptionOptionsSchema } from "@/lib/validation/jobs";

const id = z.string().min(1).max(64);
const segmentId = z.coerce.number().int().positive();

const text = z.string().max(10_000, "A segment can hold at most 10,000 characters.");

export const editTextSchema = z.object({ jobId: id, segmentId, text });
export const segmentRefSchema = z.object({ jobId: id, segmentId });
/** `text`: the segment as it is being typed, saved with the split; the offset counts in its cleaned form. */
export const splitSchema = z.object({ jobId: id, segmentId, offset: z.coerce.number().int().min(0).max(10_000), text: text.optional() });
export const retimeSchema = z.object({ jobId: id, segmentId, start: z.coerce.number().min(0).max(1e7), end: z.coerce.number().min(0).max(1e7) });
export const findSchema = z.object({
  jobId: id,
  find: z.string().min(1, "Type what to find.").max(200),
  caseSensitive: z.boolean().optional(),
  wholeWord: z.boolean().optional(),
});
export const replaceSchema = findSchema.extend({ replace: z.string().max(200) });
/** One match: the one starting at character `at` of the segment's text, as the preview showed it. */
export const replaceOneSchema = replaceSchema.extend({ segmentId, at: z.coerce.number().int().min(0).max(10_000) });
export const speakerSchema = z.object({ jobId: id, from: z.string().min(1).max(60), to: z.string().trim().min(1, "Give the speaker a name.").max(60) });
/** One segment to another speaker. */
export const segmentSpeakerSchema = z.object({
  jobId: id,
  segmentId,
  speaker: z.string().trim().min(1, "Give the speaker a name.").max(60, "Use at most 60 characters."),
});

const seconds = z.coerce.number().min(0).max(1e7);
/** Re-transcribe [start, end] of a transcript, with the job's options or others. */
export const spanSchema = transcriptionOptionsSchema
  .extend({ start: seconds, end: seconds })
  .refine((span) => span.end > span.start, { message: "The span must end after it starts.", path: ["end"] });
export type SpanInput = z.infer<typeof spanSchema>;
