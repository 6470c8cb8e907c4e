import "server-only";
// whisper-asr-webservice's POST /asr and POST /detect-language under
// /compat/<token>/: a normal job from the upload path, waited for, answered as that
// project answers (docs/api.md).
import type { SessionUser } from "@/lib/auth/users";
import { getConfig } from "@/lib/config";
import { contentDisposition } from "@/lib/exports";
import { JOB_ID_HEADER, transcriptOf } from "@/lib/integrations/compat/outcome";
import { submitOneFile } from "@/lib/integrations/compat/submit";
import { waitForJob } from "@/lib/integrations/compat/wait";
import { transcriptLanguage } from "@/lib/integrations/compat/whisper-result";
import { clipForDetection } from "@/lib/integrations/asr-compat/clip";
import { detectQuerySchema, translateAsrQuery } from "@/lib/integrations/asr-compat/fields";
import { wrapPcmAsWav } from "@/lib/integrations/asr-compat/pcm";
import { renderAsr } from "@/lib/integrations/asr-compat/render";
import { deleteJobs } from "@/lib/jobs/service";
import { languageName } from "@/lib/languages";

const FILE_FIELD = "audio_file";

/** The parameters travel in the query string (as FastAPI declares them); form fields of the same names are accepted too. */
export async function asrTranscribe(request: Request, user: SessionUser, query: Record<string, string>): Promise<Response> {
  const { job, extra } = await submitOneFile(request, user, {
    fileField: FILE_FIELD,
    translate: async (fields) => translateAsrQuery({ ...fields, ...query }),
    prepare: async (file, asked) => {
      if (!asked.encode) file.size = await wrapPcmAsWav(file.partPath, file.size);
    },
  });
  const finished = await waitForJob(user.id, job.id, { timeoutMs: getConfig().compatWaitMs, signal: request.signal });
  const transcript = await transcriptOf(user.id, job.id, finished);
  return new Response(renderAsr(transcript, extra), {
    headers: {
      "content-type": extra.output === "json" ? "application/json" : "text/plain; charset=utf-8",
      "content-disposition": contentDisposition(transcript.job.originalName, extra.output),
      "asr-engine": "selenite",
      [JOB_ID_HEADER]: job.id,
    },
  });
}

/**
 * Detection runs as a job on the file's first 30 s (visible while it runs, then moved
 * to the trash: it answered its question and is no transcript anyone asked for).
 */
export async function asrDetectLanguage(request: Request, user: SessionUser, query: Record<string, string>): Promise<Response> {
  const { job } = await submitOneFile(request, user, {
    fileField: FILE_FIELD,
    translate: async (fields) => ({ upload: { language: "auto", task: "transcribe" }, extra: detectQuerySchema.parse({ ...fields, ...query }) }),
    prepare: async (file, asked) => {
      file.size = await clipForDetection(file.partPath, file.size, asked.encode);
      file.originalName = `${file.originalName} (language detection)`;
    },
  });
  const finished = await waitForJob(user.id, job.id, { timeoutMs: getConfig().compatWaitMs, signal: request.signal });
  const transcript = await transcriptOf(user.id, job.id, finished);
  await deleteJobs(user.id, [job.id]);
  const code = transcriptLanguage(transcript, "code");
  return Response.json({ detected_language: languageName(code).toLowerCase(), language_code: code }, { headers: { [JOB_ID_HEADER]: job.id } });
}
