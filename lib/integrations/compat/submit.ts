import "server-only";
// The one way a compatible API (OpenAI's, whisper-asr-webservice's) starts work: the
// upload path a browser uses (limits, disk reserve, content checks, an installed
// model), for exactly one file, with options the caller translated into ours.
import type { SessionUser } from "@/lib/auth/users";
import { ERROR_STATUS, SeleniteError, type ErrorCode } from "@/lib/errors";
import type { JobSummary } from "@/lib/jobs/select";
import { resolveUploadOptions, type ResolvedOptions } from "@/lib/uploads/finish";
import { discardForm, queueReceived, receiveForm, type Received } from "@/lib/uploads/receive";

export type SubmitSpec<T> = {
  /** The multipart field the client puts its file in (named in error messages). */
  fileField: string;
  /** The client's fields as upload fields (model, language, task, ...) plus what the route needs later. */
  translate: (fields: Record<string, string>) => Promise<{ upload: Record<string, string>; extra: T }>;
  /** Reshapes the received file before it is checked (e.g. headerless PCM into a WAV). */
  prepare?: (file: Received, extra: T) => Promise<void>;
};

export async function submitOneFile<T>(request: Request, user: SessionUser, spec: SubmitSpec<T>): Promise<{ job: JobSummary; extra: T }> {
  const form = await receiveForm(request, { fileField: spec.fileField });
  let prepared: { file: Received; extra: T; options: ResolvedOptions };
  try {
    if (form.files.length > 1) {
      throw new SeleniteError("bad_request", `Send one file per request in the field "${spec.fileField}"; this request had ${form.files.length}.`);
    }
    const { upload, extra } = await spec.translate(form.fields);
    const options = await resolveUploadOptions(user, upload);
    const file = form.files[0];
    if (!file.error && file.size > 0) await spec.prepare?.(file, extra);
    prepared = { file, extra, options };
  } catch (error) {
    await discardForm(form);
    throw error;
  }
  const [outcome] = await queueReceived(user, [prepared.file], prepared.options);
  if (!outcome.ok) {
    const { code, message } = outcome.error;
    // Its own code, so the status is the one a browser upload of this file gets.
    throw new SeleniteError(code in ERROR_STATUS ? (code as ErrorCode) : "unprocessable", message);
  }
  return { job: outcome.job, extra: prepared.extra };
}
