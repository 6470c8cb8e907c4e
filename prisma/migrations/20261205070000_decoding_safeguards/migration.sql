-- AlterTable: OpenAI's long-form safeguards and the prompt, per job and as Settings defaults.
ALTER TABLE "Job" ADD COLUMN "temperatureFallback" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "Job" ADD COLUMN "compressionRatioThreshold" REAL NOT NULL DEFAULT 2.4;
ALTER TABLE "Job" ADD COLUMN "logprobThreshold" REAL NOT NULL DEFAULT -1;
ALTER TABLE "Job" ADD COLUMN "noSpeechThreshold" REAL NOT NULL DEFAULT 0.6;
ALTER TABLE "Job" ADD COLUMN "conditionOnPreviousText" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "Job" ADD COLUMN "prompt" TEXT;

-- AlterTable
ALTER TABLE "Settings" ADD COLUMN "temperatureFallback" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "Settings" ADD COLUMN "compressionRatioThreshold" REAL NOT NULL DEFAULT 2.4;
ALTER TABLE "Settings" ADD COLUMN "logprobThreshold" REAL NOT NULL DEFAULT -1;
ALTER TABLE "Settings" ADD COLUMN "noSpeechThreshold" REAL NOT NULL DEFAULT 0.6;
ALTER TABLE "Settings" ADD COLUMN "conditionOnPreviousText" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "Settings" ADD COLUMN "prompt" TEXT;
