// Tags: a name and a color per user, linked to any number of jobs.
import { db } from "@/lib/db";
import { SeleniteError } from "@/lib/errors";
import { publishJobsChanged } from "@/lib/jobs/events";
import { requireOwnedJobs } from "@/lib/jobs/guard";

// Jobs in the trash do not count.
const SELECT = { id: true, name: true, color: true, _count: { select: { jobs: { where: { job: { deletedAt: null } } } } } } as const;

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

export async function listTags(userId: string) {
  const tags = await db.tag.findMany({ where: { userId }, orderBy: { name: "asc" }, select: SELECT });
  return tags.map(({ _count, ...tag }) => ({ ...tag, jobCount: _count.jobs }));
}

/** Tag names are unique per user regardless of case: "Podcast" and "podcast" are one tag. */
async function findByName(userId: string, name: string, exceptId?: string) {
  const tags = await db.tag.findMany({ where: { userId }, select: { id: true, name: true } });
  const wanted = name.toLocaleLowerCase();
  return tags.find((tag) => tag.id !== exceptId && tag.name.toLocaleLowerCase() === wanted) ?? null;
}

export async function createTag(userId: string, input: { name: string; color?: string }) {
  if (await findByName(userId, input.name)) throw new SeleniteError("conflict", `A tag named "${input.name}" already exists.`);
  try {
    const { _count, ...tag } = await db.tag.create({ data: { userId, name: input.name, ...(input.color ? { color: input.color } : {}) }, select: SELECT });
    return { ...tag, jobCount: _count.jobs };
  } catch (error) {
    if (isUniqueViolation(error)) throw new SeleniteError("conflict", `A tag named "${input.name}" already exists.`);
    throw error;
  }
}

export async function updateTag(userId: string, tagId: string, input: { name?: string; color?: string }) {
  await requireTag(userId, tagId);
  if (input.name && (await findByName(userId, input.name, tagId))) throw new SeleniteError("conflict", `A tag named "${input.name}" already exists.`);
  try {
    const { _count, ...tag } = await db.tag.update({ where: { id: tagId }, data: input, select: SELECT });
    publishJobsChanged(userId);
    return { ...tag, jobCount: _count.jobs };
  } catch (error) {
    if (isUniqueViolation(error)) throw new SeleniteError("conflict", `A tag named "${input.name}" already exists.`);
    throw error;
  }
}

/** Deletes a tag (never the jobs); returns how many jobs carried it. */
export async function deleteTag(userId: string, tagId: string): Promise<number> {
  const tag = await requireTag(userId, tagId);
  await db.tag.delete({ where: { id: tagId } });
  publishJobsChanged(userId);
  return tag._count.jobs;
}

async function requireTag(userId: string, tagId: string) {
  const tag = await db.tag.findFirst({ where: { id: tagId, userId }, select: SELECT });
  if (!tag) throw new SeleniteError("not_found", "No such tag.");
  return tag;
}

/** Finds tags by name, creating missing ones: uploads name their tags. */
export async function tagIdsForNames(userId: string, names: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const name of names.slice(0, 20)) {
    const trimmed = name.slice(0, 40);
    const existing = await findByName(userId, trimmed);
    const tag =
      existing ??
      (await db.tag.upsert({ where: { userId_name: { userId, name: trimmed } }, create: { userId, name: trimmed }, update: {}, select: { id: true } }));
    if (!ids.includes(tag.id)) ids.push(tag.id);
  }
  return ids;
}

export async function setJobTags(userId: string, jobIds: string[], tagId: string, mode: "add" | "remove"): Promise<number> {
  await requireTag(userId, tagId);
  const jobs = await requireOwnedJobs(userId, jobIds, { id: true });
  if (mode === "add") {
    await db.$transaction(
      jobs.map((job) => db.jobTag.upsert({ where: { jobId_tagId: { jobId: job.id, tagId } }, create: { jobId: job.id, tagId }, update: {} })),
    );
  } else {
    await db.jobTag.deleteMany({ where: { tagId, jobId: { in: jobs.map((j) => j.id) } } });
  }
  publishJobsChanged(userId);
  return jobs.length;
}
