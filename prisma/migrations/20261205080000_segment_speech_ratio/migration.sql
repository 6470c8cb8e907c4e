-- AlterTable: with VAD on, the fraction of each segment the voice detector heard as speech.
ALTER TABLE "Segment" ADD COLUMN "speechRatio" REAL;
