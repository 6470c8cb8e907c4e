"use server";

// Transcript corrections from the job page, each through authAction: authenticate,
// parse, call lib/transcripts, revalidate the job page. Edits are saved at once.
import { z } from "zod";
import { authAction } from "@/lib/http/action";
import { SeleniteError } from "@/lib/errors";
import {
  mergeWithNext,
  redoLastUndo,
  retimeSegment,
  revertSegment,
  setSegmentSpeaker,
  splitSegment,
  undoLastEdit,
  updateSegmentText,
} from "@/lib/transcripts/edit";
import { findInTranscript, renameSpeaker, replaceInTranscript, replaceOneMatch } from "@/lib/transcripts/replace";
import { retranscribeSpan } from "@/lib/transcripts/span";
import {
  editTextSchema,
  findSchema,
  replaceOneSchema,
  replaceSchema,
  retimeSchema,
  segmentRefSchema,
  segmentSpeakerSchema,
  speakerSchema,
  spanSchema,
  splitSchema,
} from "@/lib/validation/transcripts";

const jobPage = ({ jobId }: { jobId: string }) => [`/jobs/${jobId}`];

export const editSegmentAction = authAction(
  editTextSchema,
  async ({ jobId, segmentId, text }, { user }) => updateSegmentText(user.id, jobId, segmentId, text),
  { what: "Saving the edit", revalidate: jobPage },
);

export const revertSegmentAction = authAction(segmentRefSchema, ({ jobId, segmentId }, { user }) => revertSegment(user.id, jobId, segmentId), {
  what: "Reverting",
  revalidate: jobPage,
});

/** Saves the text being typed (when given) and splits it, in one transaction and one undo step. */
export const splitSegmentAction = authAction(
  splitSchema,
  ({ jobId, segmentId, offset, text }, { user }) => splitSegment(user.id, jobId, segmentId, offset, text),
  { what: "Splitting", revalidate: jobPage },
);

export const mergeSegmentAction = authAction(segmentRefSchema, ({ jobId, segmentId }, { user }) => mergeWithNext(user.id, jobId, segmentId), {
  what: "Merging",
  revalidate: jobPage,
});

export const retimeSegmentAction = authAction(
  retimeSchema,
  ({ jobId, segmentId, start, end }, { user }) => retimeSegment(user.id, jobId, segmentId, start, end),
  { what: "Changing the times", revalidate: jobPage },
);

export const undoEditAction = authAction(
  z.object({ jobId: z.string().min(1).max(64) }),
  async ({ jobId }, { user }) => {
    if (!(await undoLastEdit(user.id, jobId))) throw new SeleniteError("conflict", "There is nothing to undo.");
  },
  { what: "Undoing", revalidate: jobPage },
);

export const redoEditAction = authAction(
  z.object({ jobId: z.string().min(1).max(64) }),
  async ({ jobId }, { user }) => {
    if (!(await redoLastUndo(user.id, jobId))) throw new SeleniteError("conflict", "There is nothing to redo.");
  },
  { what: "Redoing", revalidate: jobPage },
);

export const findInTranscriptAction = authAction(findSchema, ({ jobId, ...options }, { user }) => findInTranscript(user.id, jobId, options), {
  what: "Finding",
});

export const replaceInTranscriptAction = authAction(replaceSchema, ({ jobId, ...options }, { user }) => replaceInTranscript(user.id, jobId, options), {
  what: "Replacing",
  revalidate: jobPage,
});

export const replaceOneMatchAction = authAction(replaceOneSchema, ({ jobId, ...options }, { user }) => replaceOneMatch(user.id, jobId, options), {
  what: "Replacing",
  revalidate: jobPage,
});

export const renameSpeakerAction = authAction(speakerSchema, ({ jobId, from, to }, { user }) => renameSpeaker(user.id, jobId, from, to), {
  what: "Renaming the speaker",
  revalidate: jobPage,
});

export const setSegmentSpeakerAction = authAction(
  segmentSpeakerSchema,
  ({ jobId, segmentId, speaker }, { user }) => setSegmentSpeaker(user.id, jobId, segmentId, speaker),
  { what: "Changing the speaker", revalidate: jobPage },
);

/** Queues [start, end] to be transcribed again; the finished run replaces only that span, as one undo step. */
export const retranscribeSpanAction = authAction(
  // The dialog holds its choices as plain strings; the span schema is the judge.
  z.object({ jobId: z.string().min(1).max(64), span: z.record(z.string(), z.unknown()).pipe(spanSchema) }),
  async ({ jobId, span }, { user }) => void (await retranscribeSpan(user.id, jobId, span)),
  // The job goes back in line: its status shows on every page.
  { what: "Re-transcribing the span", revalidate: [{ path: "/", type: "layout" }] },
);
