import "server-only";
// What a server action tells the person when its work fails: the validation or
// domain message as it is, a full disk as such, anything unexpected logged and summarised.
import { z } from "zod";
import { failedCommitCause } from "@/lib/db";
import { diskFullError, isDiskFull, isSeleniteError } from "@/lib/errors";
import { logger } from "@/lib/logger";

export function actionErrorMessage(error: unknown, what: string): string {
  if (error instanceof z.ZodError) return error.issues[0]?.message ?? "Invalid input.";
  if (isSeleniteError(error)) return error.message;
  if (isDiskFull(failedCommitCause(error) ?? error)) {
    logger.warn({ err: error }, `${what} failed: the disk is full`);
    return diskFullError(error).message;
  }
  logger.error({ err: error }, `${what} failed`);
  return `${what} failed. The server log has the details.`;
}
