// POST /api/jobs/export - download a selection ({ ids, format[, timestamps] }) as one zip
import { CONTENT_TYPES, contentDisposition, exportTranscript, uniqueNames } from "@/lib/exports";
import { prepareSelection } from "@/lib/exports/load";
import { readBulkExport } from "@/lib/exports/request";
import { zipStream, type ZipEntry } from "@/lib/exports/zip";
import { withUser } from "@/lib/http/api";

export const dynamic = "force-dynamic";

export const POST = withUser(async (request, { user }) => {
  const { ids, format, timestamps } = await readBulkExport(request);
  const selection = await prepareSelection(user.id, ids);
  const nameFor = uniqueNames();
  async function* entries(): AsyncGenerator<ZipEntry> {
    for (const item of selection) {
      const file = await exportTranscript(format, await item.load(), { timestamps });
      yield { name: nameFor(item.job.originalName, file.extension), data: file.body, mtime: item.job.finishedAt ? new Date(item.job.finishedAt) : null };
    }
  }
  const day = new Date().toISOString().slice(0, 10);
  return new Response(zipStream(entries()), {
    headers: {
      "Content-Type": CONTENT_TYPES.zip,
      "Content-Disposition": contentDisposition(`Selenite transcripts ${day} ${format}`, "zip"),
      "Cache-Control": "private, no-store",
    },
  });
});
