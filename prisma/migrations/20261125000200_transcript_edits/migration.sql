-- CreateTable
CREATE TABLE "TranscriptEdit" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "jobId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "fromIndex" INTEGER NOT NULL,
    "afterCount" INTEGER NOT NULL,
    "before" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TranscriptEdit_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "TranscriptEdit_jobId_id_idx" ON "TranscriptEdit"("jobId", "id");

