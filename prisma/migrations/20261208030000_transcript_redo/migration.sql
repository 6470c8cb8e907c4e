-- Redo for transcript corrections (issue 14.12): what an undo took out, until the next change.
-- CreateTable
CREATE TABLE "TranscriptRedo" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "jobId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "fromIndex" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,
    "after" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TranscriptRedo_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "TranscriptRedo_jobId_id_idx" ON "TranscriptRedo"("jobId", "id");

