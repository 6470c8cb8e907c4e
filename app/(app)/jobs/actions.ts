"use server";

// Job and tag actions for the dashboard and the job page. Same order everywhere:
// authenticate, validate, call lib/, revalidate. REST routes call the same lib/.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { actionErrorMessage } from "@/lib/http/action-errors";
import { cancelJobs, clearFinished, deleteJobs, renameJob, restartJob } from "@/lib/jobs/service";
import { restorePreviousTranscript } from "@/lib/transcripts/versions";
import { createTag, deleteTag, setJobTags, updateTag } from "@/lib/tags/service";
import { jobIdsSchema, renameJobSchema, restartSchema, tagSchema, tagUpdateSchema } from "@/lib/validation/jobs";

export type ActionResult = { ok: boolean; message?: string; count?: number; id?: string };

async function run(what: string, fn: () => Promise<ActionResult>): Promise<ActionResult> {
  try {
    const result = await fn();
    revalidatePath("/", "layout");
    return result;
  } catch (error) {
    return { ok: false, message: actionErrorMessage(error, what) };
  }
}

const id = z.string().min(1).max(64);

export async function cancelJobsAction(ids: string[]): Promise<ActionResult> {
  const user = await requireUser();
  return run("Cancelling", async () => ({ ok: true, count: await cancelJobs(user.id, jobIdsSchema.parse({ ids }).ids) }));
}

export async function deleteJobsAction(ids: string[]): Promise<ActionResult> {
  const user = await requireUser();
  return run("Deleting", async () => ({ ok: true, count: await deleteJobs(user.id, jobIdsSchema.parse({ ids }).ids) }));
}

export async function restartJobAction(jobId: string, options: unknown = {}): Promise<ActionResult> {
  const user = await requireUser();
  return run("Restarting", async () => {
    await restartJob(user.id, id.parse(jobId), restartSchema.parse(options ?? {}));
    return { ok: true };
  });
}

export async function restorePreviousTranscriptAction(jobId: string): Promise<ActionResult> {
  const user = await requireUser();
  return run("Restoring the previous transcript", async () => {
    await restorePreviousTranscript(user.id, id.parse(jobId));
    return { ok: true };
  });
}

export async function restartJobsAction(ids: string[]): Promise<ActionResult> {
  const user = await requireUser();
  return run("Restarting", async () => {
    let count = 0;
    for (const jobId of jobIdsSchema.parse({ ids }).ids) {
      await restartJob(user.id, jobId, {});
      count += 1;
    }
    return { ok: true, count };
  });
}

export async function renameJobAction(jobId: string, title: string): Promise<ActionResult> {
  const user = await requireUser();
  return run("Renaming", async () => {
    await renameJob(user.id, id.parse(jobId), renameJobSchema.parse({ title }).title);
    return { ok: true };
  });
}

export async function clearFinishedAction(): Promise<ActionResult> {
  const user = await requireUser();
  return run("Clearing finished jobs", async () => ({ ok: true, count: await clearFinished(user.id) }));
}

export async function setJobTagAction(jobIds: string[], tagId: string, mode: "add" | "remove"): Promise<ActionResult> {
  const user = await requireUser();
  return run("Tagging", async () => ({
    ok: true,
    count: await setJobTags(user.id, jobIdsSchema.parse({ ids: jobIds }).ids, id.parse(tagId), z.enum(["add", "remove"]).parse(mode)),
  }));
}

export async function createTagAction(input: { name: string; color?: string }): Promise<ActionResult> {
  const user = await requireUser();
  return run("Creating the tag", async () => ({ ok: true, id: (await createTag(user.id, tagSchema.parse(input))).id }));
}

export async function updateTagAction(tagId: string, input: { name?: string; color?: string }): Promise<ActionResult> {
  const user = await requireUser();
  return run("Updating the tag", async () => {
    await updateTag(user.id, id.parse(tagId), tagUpdateSchema.parse(input));
    return { ok: true };
  });
}

export async function deleteTagAction(tagId: string): Promise<ActionResult> {
  const user = await requireUser();
  return run("Deleting the tag", async () => ({ ok: true, count: await deleteTag(user.id, id.parse(tagId)) }));
}
