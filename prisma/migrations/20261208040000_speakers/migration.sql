-- Who said what (issue 13): the speaker options of a job and of new uploads, and the
-- speaker stage that runs after a transcript is committed.
ALTER TABLE "Job" ADD COLUMN "speakers" TEXT NOT NULL DEFAULT 'off';
ALTER TABLE "Job" ADD COLUMN "speakerCount" INTEGER;
ALTER TABLE "Job" ADD COLUMN "minSpeakers" INTEGER;
ALTER TABLE "Job" ADD COLUMN "maxSpeakers" INTEGER;
ALTER TABLE "Settings" ADD COLUMN "speakers" TEXT NOT NULL DEFAULT 'off';

CREATE TABLE "SpeakerRun" (
    "jobId" TEXT NOT NULL PRIMARY KEY,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "mode" TEXT NOT NULL,
    "speakerCount" INTEGER,
    "minSpeakers" INTEGER,
    "maxSpeakers" INTEGER,
    "method" TEXT,
    "found" INTEGER,
    "progress" REAL NOT NULL DEFAULT 0,
    "etaSec" REAL,
    "error" TEXT,
    "turns" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "claimedBy" TEXT,
    "heartbeatAt" DATETIME,
    "queuedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "processingMs" INTEGER,
    CONSTRAINT "SpeakerRun_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "SpeakerRun_status_queuedAt_idx" ON "SpeakerRun"("status", "queuedAt");
