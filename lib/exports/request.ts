// Export requests as the routes receive them: the format (400 with the valid list when
// unknown, since it names a thing that does not exist rather than a malformed value),
// the timestamps switch, and for the zip a bounded selection.
import { z } from "zod";
import { SeleniteError } from "@/lib/errors";
import { readJson } from "@/lib/http/api";
import { EXPORT_FORMATS, isExportFormat, type ExportFormat } from "@/lib/exports/types";

/** Most a zip may hold; each entry is built only as the download reaches it. */
export const MAX_BULK_EXPORT = 200;

export function parseFormat(value: unknown): ExportFormat {
  if (isExportFormat(value)) return value;
  const what = typeof value === "string" && value ? `"${value.slice(0, 20)}" is not an export format` : "Choose an export format";
  throw new SeleniteError("bad_request", `${what}. Valid formats: ${EXPORT_FORMATS.join(", ")}.`);
}

const booleanish = z
  .union([z.boolean(), z.enum(["true", "false", "1", "0", "on", "off"])])
  .transform((v) => v === true || v === "true" || v === "1" || v === "on");

const optionsSchema = z.object({ timestamps: booleanish.optional() });

export type ExportRequest = { format: ExportFormat; timestamps?: boolean };

export function parseExportQuery(query: Record<string, string>): ExportRequest {
  const format = parseFormat(query.format);
  return { format, ...optionsSchema.parse(query) };
}

const bulkExportSchema = optionsSchema.extend({
  ids: z.array(z.string().min(1).max(64)).min(1, "Select at least one job.").max(MAX_BULK_EXPORT, `Export at most ${MAX_BULK_EXPORT} transcripts at once.`),
  format: z.unknown(),
});
export type BulkExportRequest = ExportRequest & { ids: string[] };

function parseBulk(input: unknown): BulkExportRequest {
  const { format, ...rest } = bulkExportSchema.parse(input);
  return { ...rest, format: parseFormat(format) };
}

/** A JSON body, or a plain HTML form (ids repeated or comma-separated) so a form can download directly. */
export async function readBulkExport(request: Request): Promise<BulkExportRequest> {
  const type = request.headers.get("content-type") ?? "";
  if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
    const form = await request.formData();
    const ids = form
      .getAll("ids")
      .flatMap((v) => String(v).split(","))
      .map((v) => v.trim())
      .filter(Boolean);
    return parseBulk({ ids, format: form.get("format"), timestamps: form.get("timestamps") ?? undefined });
  }
  return parseBulk(await readJson(request));
}
