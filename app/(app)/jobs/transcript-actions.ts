"use server";

// Transcript corrections from the job page. Each action: authenticate, validate,
// call lib/transcripts, revalidate the job page. Edits are saved immediately.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { actionErrorMessage } from "@/lib/http/action-errors";
import { mergeWithNext, retimeSegment, revertSegment, splitSegment, undoLastEdit, updateSegmentText } from "@/lib/transcripts/edit";
import { findInTranscript, renameSpeaker, replaceInTranscript, type FindMatch } from "@/lib/transcripts/replace";
import { editTextSchema, findSchema, replaceSchema, retimeSchema, segmentRefSchema, speakerSchema, splitSchema } from "@/lib/validation/transcripts";

export type EditResult = { ok: boolean; message?: string; count?: number };

async function run(jobId: unknown, what: string, fn: () => Promise<EditResult>): Promise<EditResult> {
  try {
    const result = await fn();
    if (typeof jobId === "string") revalidatePath(`/jobs/${jobId}`);
    return result;
  } catch (error) {
    return { ok: false, message: actionErrorMessage(error, what) };
  }
}

type Input = Record<string, unknown>;

export async function editSegmentAction(input: Input): Promise<EditResult> {
  const user = await requireUser();
  return run(input.jobId, "Saving the edit", async () => {
    const { jobId, segmentId, text } = editTextSchema.parse(input);
    await updateSegmentText(user.id, jobId, segmentId, text);
    return { ok: true };
  });
}

export async function revertSegmentAction(input: Input): Promise<EditResult> {
  const user = await requireUser();
  return run(input.jobId, "Reverting", async () => {
    const { jobId, segmentId } = segmentRefSchema.parse(input);
    await revertSegment(user.id, jobId, segmentId);
    return { ok: true };
  });
}

export async function splitSegmentAction(input: Input): Promise<EditResult> {
  const user = await requireUser();
  return run(input.jobId, "Splitting", async () => {
    const { jobId, segmentId, offset } = splitSchema.parse(input);
    await splitSegment(user.id, jobId, segmentId, offset);
    return { ok: true };
  });
}

export async function mergeSegmentAction(input: Input): Promise<EditResult> {
  const user = await requireUser();
  return run(input.jobId, "Merging", async () => {
    const { jobId, segmentId } = segmentRefSchema.parse(input);
    await mergeWithNext(user.id, jobId, segmentId);
    return { ok: true };
  });
}

export async function retimeSegmentAction(input: Input): Promise<EditResult> {
  const user = await requireUser();
  return run(input.jobId, "Changing the times", async () => {
    const { jobId, segmentId, start, end } = retimeSchema.parse(input);
    await retimeSegment(user.id, jobId, segmentId, start, end);
    return { ok: true };
  });
}

export async function undoEditAction(input: Input): Promise<EditResult> {
  const user = await requireUser();
  return run(input.jobId, "Undoing", async () => {
    const { jobId } = z.object({ jobId: z.string().min(1).max(64) }).parse(input);
    const undone = await undoLastEdit(user.id, jobId);
    return undone ? { ok: true } : { ok: false, message: "There is nothing to undo." };
  });
}

export async function findInTranscriptAction(input: Input): Promise<{ ok: boolean; message?: string; matches?: FindMatch[] }> {
  const user = await requireUser();
  try {
    const { jobId, ...options } = findSchema.parse(input);
    return { ok: true, matches: await findInTranscript(user.id, jobId, options) };
  } catch (error) {
    return { ok: false, message: actionErrorMessage(error, "Finding") };
  }
}

export async function replaceInTranscriptAction(input: Input): Promise<EditResult> {
  const user = await requireUser();
  return run(input.jobId, "Replacing", async () => {
    const { jobId, ...options } = replaceSchema.parse(input);
    return { ok: true, count: await replaceInTranscript(user.id, jobId, options) };
  });
}

export async function renameSpeakerAction(input: Input): Promise<EditResult> {
  const user = await requireUser();
  return run(input.jobId, "Renaming the speaker", async () => {
    const { jobId, from, to } = speakerSchema.parse(input);
    return { ok: true, count: await renameSpeaker(user.id, jobId, from, to) };
  });
}
