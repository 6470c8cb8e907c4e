// GET /api/jobs/:id/peaks - the waveform of the recording (lib/peaks/format.ts), computed once
import { param, withUser } from "@/lib/http/api";
import { getPeaks } from "@/lib/peaks/service";

export const dynamic = "force-dynamic";

export const GET = withUser(async (request, { user, params }) => {
  const { bytes, etag } = await getPeaks(user.id, param(params, "id"));
  // The recording never changes, so a browser may keep its peaks; private: they are the person's.
  const headers = { ETag: etag, "Cache-Control": "private, max-age=86400" };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(bytes as Uint8Array<ArrayBuffer>, {
    headers: { ...headers, "Content-Type": "application/octet-stream", "Content-Length": String(bytes.length) },
  });
});
