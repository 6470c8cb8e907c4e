// A watch folder as Settings, the REST API and WATCH_FOLDERS describe it.
import { z } from "zod";
import { LANGUAGE_CODES } from "@/lib/languages";
import { EXPORT_FORMATS } from "@/lib/exports/types";
import { SPEAKER_MODES } from "@/lib/validation/limits";

export const WATCH_OUTPUTS = ["none", "beside", "folder"] as const;
// Text formats only: a sidecar is read by a media server or an editor, not opened as a document.
export const WATCH_OUTPUT_FORMATS = EXPORT_FORMATS.filter((f) => f !== "docx");

const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);
const list = (v: unknown) =>
  typeof v === "string"
    ? v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : v;
const flag = (v: unknown) => (typeof v === "string" ? ["true", "1", "yes", "on"].includes(v.trim().toLowerCase()) : v);

export const watchFolderInputSchema = z
  .object({
    path: z
      .string({ error: "Give the folder's path on the server, such as /srv/media/inbox." })
      .trim()
      .min(1, "Give the folder's path on the server, such as /srv/media/inbox.")
      .max(1000, "That path is longer than 1,000 characters."),
    model: z.preprocess(blankToNull, z.string().max(200).nullable()).optional(),
    language: z
      .preprocess(
        blankToNull,
        z
          .string()
          .nullable()
          .refine((v) => v === null || LANGUAGE_CODES.includes(v), "Choose a language Whisper knows (a code such as en or de), or leave it empty to detect."),
      )
      .optional(),
    tags: z.preprocess(list, z.array(z.string().trim().min(1).max(60)).max(20)).optional(),
    speakers: z.enum(SPEAKER_MODES, { error: `Speakers is one of ${SPEAKER_MODES.join(", ")}.` }).optional(),
    output: z.enum(WATCH_OUTPUTS, { error: "Output is none, beside (next to the recording) or folder (into the output folder)." }).optional(),
    outputDir: z.preprocess(blankToNull, z.string().trim().max(1000).nullable()).optional(),
    outputFormats: z
      .preprocess(
        list,
        z.array(z.enum(WATCH_OUTPUT_FORMATS, { error: `Output formats are ${WATCH_OUTPUT_FORMATS.join(", ")}.` })).min(1, "Choose at least one output format."),
      )
      .optional(),
    polling: z.preprocess(flag, z.boolean()).optional(),
  })
  .refine((v) => v.output !== "folder" || Boolean(v.outputDir), {
    message: "Output into a folder needs the output folder's path.",
    path: ["outputDir"],
  });

export type WatchFolderInput = z.infer<typeof watchFolderInputSchema>;

export const watchFolderToggleSchema = z.object({ id: z.string().min(1).max(100), enabled: z.preprocess(flag, z.boolean()) });
