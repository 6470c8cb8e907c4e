-- AlterTable
ALTER TABLE "Segment" ADD COLUMN "noSpeechProb" REAL;
ALTER TABLE "Segment" ADD COLUMN "compressionRatio" REAL;
ALTER TABLE "Segment" ADD COLUMN "temperature" REAL;

-- AlterTable
ALTER TABLE "Job" ADD COLUMN "spanRequest" TEXT;
