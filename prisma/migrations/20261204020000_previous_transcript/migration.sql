-- A restart keeps the current transcript until the new one is complete, then swaps
-- it into PreviousTranscript (restorable). Job.transcriptMeta records what made the
-- transcript now in Segment, since the job's own fields describe the latest run.

-- AlterTable
ALTER TABLE "Job" ADD COLUMN "transcriptMeta" TEXT;

-- Existing data: every completed job's transcript was made by the job's fields.
UPDATE "Job" SET "transcriptMeta" = json_object(
    'model', "model",
    'language', "language",
    'task', "task",
    'wordTimestamps', json(CASE WHEN "wordTimestamps" THEN 'true' ELSE 'false' END),
    'detectedLanguage', "detectedLanguage",
    'languageProb', "languageProb",
    'dtype', "dtype",
    'processingMs', "processingMs"
) WHERE "status" = 'completed';

-- CreateTable
CREATE TABLE "PreviousTranscript" (
    "jobId" TEXT NOT NULL PRIMARY KEY,
    "segments" TEXT NOT NULL,
    "edits" TEXT NOT NULL,
    "meta" TEXT,
    "replacedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PreviousTranscript_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
