import { z } from "zod";
import { DTYPES } from "@/lib/models/dtypes";
import { isValidModelName } from "@/lib/models/names";

const modelName = z.string("Choose a model.").refine(isValidModelName, "That is not a model name.");

export const modelRefSchema = z.object({ name: modelName });
export const modelDownloadSchema = z.object({
  name: modelName,
  dtype: z.enum(DTYPES, `Choose a precision: ${DTYPES.join(", ")}.`).optional(),
});
/** The REST body of POST /api/models/:name/download; the name is in the path. */
export const modelDownloadBodySchema = modelDownloadSchema.omit({ name: true });
