// GET /api/jobs/:id/export?format=txt|srt|vtt|json|docx|md[&timestamps=true] - download a transcript
import { contentDisposition, exportTranscript } from "@/lib/exports";
import { loadTranscript } from "@/lib/exports/load";
import { parseExportQuery } from "@/lib/exports/request";
import { param, queryOf, withUser } from "@/lib/http/api";

export const dynamic = "force-dynamic";

export const GET = withUser(async (request, { user, params }) => {
  const { format, timestamps } = parseExportQuery(queryOf(request));
  const transcript = await loadTranscript(user.id, param(params, "id"));
  const file = await exportTranscript(format, transcript, { timestamps });
  return new Response(file.body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": contentDisposition(transcript.job.originalName, file.extension),
      // A transcript is private: no shared cache may keep it.
      "Cache-Control": "private, no-store",
    },
  });
});
