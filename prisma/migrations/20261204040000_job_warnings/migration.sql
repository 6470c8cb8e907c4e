-- AlterTable
ALTER TABLE "Job" ADD COLUMN "warnings" TEXT;
