import "server-only";
// POST /v1/audio/transcriptions and /v1/audio/translations: a normal job from the
// upload path, waited for, answered in OpenAI's formats (or streamed as it decodes).
import type { SessionUser } from "@/lib/auth/users";
import { getConfig } from "@/lib/config";
import { JOB_ID_HEADER, JobOutcomeError, transcriptOf } from "@/lib/integrations/compat/outcome";
import { submitOneFile } from "@/lib/integrations/compat/submit";
import { waitForJob } from "@/lib/integrations/compat/wait";
import { OpenAiError } from "@/lib/integrations/openai-compat/errors";
import { translateOpenAiFields } from "@/lib/integrations/openai-compat/fields";
import { renderOpenAi } from "@/lib/integrations/openai-compat/render";
import { streamTranscription } from "@/lib/integrations/openai-compat/stream";

/** A job outcome in OpenAI's terms; the client must not retry it (that would queue the file again). */
export function openAiOutcomeError(error: JobOutcomeError): OpenAiError {
  const openaiCode = { pending: "job_pending", failed: "job_failed", cancelled: "job_cancelled" }[error.kind];
  return new OpenAiError(error.code, error.message, { status: error.status, openaiCode, headers: { "x-should-retry": "false", [JOB_ID_HEADER]: error.jobId } });
}

export async function openAiTranscribe(request: Request, user: SessionUser, task: "transcribe" | "translate"): Promise<Response> {
  const { job, extra } = await submitOneFile(request, user, { fileField: "file", translate: (fields) => translateOpenAiFields(fields, task) });
  if (extra.stream) return streamTranscription(user.id, job.id, request.signal);
  const finished = await waitForJob(user.id, job.id, { timeoutMs: getConfig().compatWaitMs, signal: request.signal });
  try {
    const response = renderOpenAi(await transcriptOf(user.id, job.id, finished), extra);
    response.headers.set(JOB_ID_HEADER, job.id);
    return response;
  } catch (error) {
    throw error instanceof JobOutcomeError ? openAiOutcomeError(error) : error;
  }
}
