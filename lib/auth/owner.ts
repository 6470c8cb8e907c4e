// Selenite has one owner: the account made at first-run setup (or from ADMIN_EMAIL),
// which is the oldest one. Server-wide changes (models on disk) are theirs alone;
// any other account, and its API tokens, may read but not change them.
import { db } from "@/lib/db";
import { SeleniteError } from "@/lib/errors";

export async function isOwner(userId: string): Promise<boolean> {
  const first = await db.user.findFirst({ orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true } });
  return first?.id === userId;
}

export async function requireOwner(userId: string, what: string): Promise<void> {
  if (!(await isOwner(userId))) {
    throw new SeleniteError("forbidden", `Only the owner of this Selenite (the account made at setup) can ${what}. Ask them to do it.`);
  }
}
