// Publishes a job's current state to the browsers that are watching.
import { db } from "@/lib/db";
import { bus } from "@/lib/events/bus";
import { jobEventSelect, toEventPayload } from "@/lib/jobs/select";

export async function publishJob(jobId: string): Promise<void> {
  const row = await db.job.findUnique({ where: { id: jobId }, select: jobEventSelect });
  if (row) bus.publish({ kind: "job", userId: row.userId, job: toEventPayload(row) });
}

export function publishJobsChanged(userId: string): void {
  bus.publish({ kind: "jobs-changed", userId });
}
