// GET /api/jobs/:id/media - the recording, with HTTP range requests for seeking
import { param, withUser } from "@/lib/http/api";
import { fileResponse } from "@/lib/http/range";
import { getJobMedia } from "@/lib/jobs/service";
import { SeleniteError } from "@/lib/errors";

export const GET = withUser(async (request, { user, params }) => {
  const media = await getJobMedia(user.id, param(params, "id"));
  try {
    return await fileResponse(media.path, request, {
      "Content-Type": media.mimeType ?? "application/octet-stream",
      "Cache-Control": "private, max-age=3600",
      "Content-Disposition": "inline",
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new SeleniteError("not_found", "The recording's file is missing from storage.");
    throw error;
  }
});
