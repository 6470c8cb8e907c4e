import "server-only";
// OpenAI's transcription fields, checked and turned into Selenite's upload options.
import { z } from "zod";
import { getConfig } from "@/lib/config";
import { scanModels } from "@/lib/models/registry";
import { OpenAiError } from "@/lib/integrations/openai-compat/errors";

export const RESPONSE_FORMATS = ["json", "text", "srt", "verbose_json", "vtt"] as const;
export type ResponseFormat = (typeof RESPONSE_FORMATS)[number];
/** OpenAI's name for "the default model" (Settings → default model here). */
export const OPENAI_MODEL = "whisper-1";

const booleanish = z.enum(["true", "false", "1", "0"], { message: "stream must be true or false." }).transform((v) => v === "true" || v === "1");

export const openAiFieldsSchema = z.object({
  model: z
    .string({ message: `model is required: an installed model's name, or ${OPENAI_MODEL} for the default model.` })
    .trim()
    .min(1)
    .max(100),
  language: z.string().trim().max(12).optional(),
  prompt: z.string().max(1000, "Keep the prompt under 1000 characters: only its last 223 tokens reach the model.").optional(),
  response_format: z.enum(RESPONSE_FORMATS, { message: `response_format must be one of ${RESPONSE_FORMATS.join(", ")}.` }).default("json"),
  temperature: z.coerce
    .number({ message: "temperature must be a number from 0 to 1." })
    .min(0, "temperature is at least 0.")
    .max(1, "temperature is at most 1.")
    .optional(),
  "timestamp_granularities[]": z
    .string()
    .transform((v) => [
      ...new Set(
        v
          .split(",")
          .map((g) => g.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(z.array(z.enum(["segment", "word"], { message: "timestamp_granularities[] takes segment and/or word." })))
    .optional(),
  stream: booleanish.optional(),
});

export type OpenAiRequest = {
  format: ResponseFormat;
  granularities: ("segment" | "word")[];
  stream: boolean;
};

/** Checks the fields and returns our upload fields plus how to answer. */
export async function translateOpenAiFields(raw: Record<string, string>, task: "transcribe" | "translate") {
  const fields = openAiFieldsSchema.parse(raw);
  const granularities = fields["timestamp_granularities[]"] ?? [];
  if (granularities.length > 0 && fields.response_format !== "verbose_json") {
    throw new OpenAiError("bad_request", "timestamp_granularities[] needs response_format verbose_json.", {
      param: "timestamp_granularities[]",
      openaiCode: "invalid_value",
    });
  }
  const upload: Record<string, string> = { task };
  if (fields.model !== OPENAI_MODEL) {
    const { models } = await scanModels(getConfig().modelsDir);
    if (!models.some((m) => m.name === fields.model)) {
      const names = [OPENAI_MODEL, ...models.map((m) => m.name)].join(", ");
      throw new OpenAiError(
        "not_found",
        `The model "${fields.model}" is not installed. Use one of: ${names} (${OPENAI_MODEL} is the default model in Settings).`,
        {
          param: "model",
          openaiCode: "model_not_found",
        },
      );
    }
    upload.model = fields.model;
  }
  if (fields.language) upload.language = fields.language;
  if (fields.prompt !== undefined) upload.prompt = fields.prompt;
  if (granularities.includes("word")) upload.wordTimestamps = "true";
  const answer: OpenAiRequest = { format: fields.response_format, granularities, stream: fields.stream ?? false };
  return { upload, extra: answer };
}
