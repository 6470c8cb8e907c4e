-- A trash for jobs (issue 14.5): deleting a job sets deletedAt; the server purges it,
-- files and all, once it has been there Settings.trashDays days.
ALTER TABLE "Job" ADD COLUMN "deletedAt" DATETIME;
CREATE INDEX "Job_deletedAt_idx" ON "Job"("deletedAt");
ALTER TABLE "Settings" ADD COLUMN "trashDays" INTEGER NOT NULL DEFAULT 30;
