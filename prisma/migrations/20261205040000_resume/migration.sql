-- Resume, not restart: a running job commits its segments window by window into
-- PendingSegment, with the point it resumes from (Job.resumeState) in the same
-- transaction. They become the transcript when the run completes.

-- AlterTable
ALTER TABLE "Job" ADD COLUMN "resumeState" TEXT;

-- CreateTable
CREATE TABLE "PendingSegment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "jobId" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "data" TEXT NOT NULL,
    CONSTRAINT "PendingSegment_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "PendingSegment_jobId_index_key" ON "PendingSegment"("jobId", "index");
