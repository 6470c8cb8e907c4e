import "server-only";
// /compat answers failures in Selenite's own shape; one about a job also names it in
// the header, as its successful answers do.
import { errorResponse } from "@/lib/http/api";
import { JOB_ID_HEADER, JobOutcomeError } from "@/lib/integrations/compat/outcome";

export function asrErrorResponse(error: unknown, requestId: string): Response {
  const response = errorResponse(error, requestId);
  if (error instanceof JobOutcomeError) response.headers.set(JOB_ID_HEADER, error.jobId);
  return response;
}
