"use server";

// The trash page's actions, each through authAction; lib/jobs/trash.ts does the work.
import { authAction, type RevalidateTarget } from "@/lib/http/action";
import { purgeJobs, restoreJobs } from "@/lib/jobs/trash";
import { jobIdsSchema } from "@/lib/validation/jobs";
import { z } from "zod";

// A restored job shows on the dashboard, the sidebar's counts and the trash again.
const everywhere: RevalidateTarget[] = [{ path: "/", type: "layout" }];

export const restoreJobsAction = authAction(jobIdsSchema, ({ ids }, { user }) => restoreJobs(user.id, ids), { what: "Restoring", revalidate: everywhere });

export const purgeJobsAction = authAction(jobIdsSchema, ({ ids }, { user }) => purgeJobs(user.id, ids), {
  what: "Deleting forever",
  revalidate: everywhere,
});

export const emptyTrashAction = authAction(z.object({}), (_input, { user }) => purgeJobs(user.id, null), {
  what: "Emptying the trash",
  revalidate: everywhere,
});
