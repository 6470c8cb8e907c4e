"use server";

// Job and tag actions for the dashboard and the job page, each through authAction
// (authenticate, parse, call lib/, revalidate, one ActionResult). REST routes call
// the same lib/.
import { z } from "zod";
import { authAction, type RevalidateTarget } from "@/lib/http/action";
import { cancelJobs, deleteJobs, renameJob, restartJob, trashFinished } from "@/lib/jobs/service";
import { restorePreviousTranscript } from "@/lib/transcripts/versions";
import { identifySpeakers } from "@/lib/speakers/service";
import { createTag, deleteTag, setJobTags, updateTag } from "@/lib/tags/service";
import { identifySpeakersSchema, jobIdsSchema, renameJobSchema, transcriptionOptionsSchema, tagSchema, tagUpdateSchema } from "@/lib/validation/jobs";

const id = z.string().min(1).max(64);
// Jobs and tags show on every page of the app (the dashboard, the job page, the sidebar's counts).
const everywhere: RevalidateTarget[] = [{ path: "/", type: "layout" }];

export const cancelJobsAction = authAction(jobIdsSchema, ({ ids }, { user }) => cancelJobs(user.id, ids), { what: "Cancelling", revalidate: everywhere });

export const deleteJobsAction = authAction(jobIdsSchema, ({ ids }, { user }) => deleteJobs(user.id, ids), {
  what: "Moving to the trash",
  revalidate: everywhere,
});

export const restartJobAction = authAction(
  // The dialogs hold their choices as plain strings; the options schema is the judge.
  z.object({ jobId: id, options: z.record(z.string(), z.unknown()).default({}).pipe(transcriptionOptionsSchema) }),
  async ({ jobId, options }, { user }) => void (await restartJob(user.id, jobId, options)),
  { what: "Restarting", revalidate: everywhere },
);

export const identifySpeakersAction = authAction(
  // The dialog holds its choices as plain strings; the speaker schema is the judge.
  z.object({ jobId: id, options: z.record(z.string(), z.unknown()).pipe(identifySpeakersSchema) }),
  async ({ jobId, options }, { user }) => void (await identifySpeakers(user.id, jobId, options)),
  { what: "Identifying speakers", revalidate: everywhere },
);

export const restorePreviousTranscriptAction = authAction(
  z.object({ jobId: id }),
  async ({ jobId }, { user }) => void (await restorePreviousTranscript(user.id, jobId)),
  { what: "Restoring the previous transcript", revalidate: everywhere },
);

export const restartJobsAction = authAction(
  jobIdsSchema,
  async ({ ids }, { user }) => {
    for (const jobId of ids) await restartJob(user.id, jobId, {});
    return ids.length;
  },
  { what: "Restarting", revalidate: everywhere },
);

export const renameJobAction = authAction(
  renameJobSchema.extend({ jobId: id }),
  async ({ jobId, title }, { user }) => void (await renameJob(user.id, jobId, title)),
  { what: "Renaming", revalidate: everywhere },
);

export const trashFinishedAction = authAction(
  // The count the person confirmed: nothing moves if the library no longer matches it.
  z.object({ count: z.number().int().min(0) }),
  ({ count }, { user }) => trashFinished(user.id, count),
  { what: "Moving finished jobs to the trash", revalidate: everywhere },
);

export const setJobTagAction = authAction(
  jobIdsSchema.extend({ tagId: id, mode: z.enum(["add", "remove"]) }),
  ({ ids, tagId, mode }, { user }) => setJobTags(user.id, ids, tagId, mode),
  { what: "Tagging", revalidate: everywhere },
);

export const createTagAction = authAction(tagSchema, async (input, { user }) => ({ id: (await createTag(user.id, input)).id }), {
  what: "Creating the tag",
  revalidate: everywhere,
});

export const updateTagAction = authAction(
  tagUpdateSchema.extend({ tagId: id }),
  async ({ tagId, ...input }, { user }) => void (await updateTag(user.id, tagId, input)),
  { what: "Updating the tag", revalidate: everywhere },
);

export const deleteTagAction = authAction(z.object({ tagId: id }), ({ tagId }, { user }) => deleteTag(user.id, tagId), {
  what: "Deleting the tag",
  revalidate: everywhere,
});
