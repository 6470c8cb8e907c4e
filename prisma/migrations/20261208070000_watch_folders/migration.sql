-- Watch folders (issue 17.4): folders whose new media become jobs, and the files each has dealt with.
-- CreateTable
CREATE TABLE "WatchFolder" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "model" TEXT,
    "language" TEXT,
    "tags" TEXT NOT NULL DEFAULT '[]',
    "speakers" TEXT NOT NULL DEFAULT 'off',
    "output" TEXT NOT NULL DEFAULT 'none',
    "outputDir" TEXT,
    "outputFormats" TEXT NOT NULL DEFAULT '["srt"]',
    "polling" BOOLEAN NOT NULL DEFAULT false,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "source" TEXT NOT NULL DEFAULT 'settings',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WatchFolder_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WatchedFile" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "folderId" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "mtimeMs" REAL NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "jobId" TEXT,
    "status" TEXT NOT NULL,
    "error" TEXT,
    "importedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "outputAt" DATETIME,
    "outputError" TEXT,
    CONSTRAINT "WatchedFile_folderId_fkey" FOREIGN KEY ("folderId") REFERENCES "WatchFolder" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "WatchFolder_userId_path_key" ON "WatchFolder"("userId", "path");

-- CreateIndex
CREATE INDEX "WatchedFile_folderId_fingerprint_idx" ON "WatchedFile"("folderId", "fingerprint");

-- CreateIndex
CREATE INDEX "WatchedFile_jobId_idx" ON "WatchedFile"("jobId");

-- CreateIndex
CREATE INDEX "WatchedFile_folderId_importedAt_idx" ON "WatchedFile"("folderId", "importedAt");

-- CreateIndex
CREATE UNIQUE INDEX "WatchedFile_folderId_path_size_mtimeMs_key" ON "WatchedFile"("folderId", "path", "size", "mtimeMs");

