// Who said what in a real browser against the real server: a finished two-voice
// dialogue (espeak-ng, seeded into the database with its file) gets "Identify speakers"
// (rough, no model), then the person renames one speaker, exports SRT and WebVTT with the
// names, gives one segment to the other speaker, filters by speaker and merges the two.
import { randomUUID } from "node:crypto";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { makeDialogue } from "../helpers/dialogue";
import { OWNER, signIn, STORAGE, withDb } from "./support";

/** A completed job over a 2-voice dialogue: one unlabelled segment per turn. */
async function seedDialogueJob(): Promise<string> {
  const uploads = path.join(STORAGE, "uploads");
  await mkdir(uploads, { recursive: true });
  const name = `dialogue-${randomUUID()}`;
  const dialogue = await makeDialogue(uploads, name, { speakers: 2, turns: 8, seed: 4 });
  const id = `sp${randomUUID().replace(/-/g, "").slice(0, 20)}`;
  const now = new Date().toISOString().replace("Z", "+00:00");
  withDb((db) => {
    const { id: userId } = db.prepare(`SELECT id FROM "User" WHERE email = ?`).get(OWNER.email) as { id: string };
    db.prepare(
      `INSERT INTO "Job" (id, userId, title, originalName, storedName, mimeType, sizeBytes, durationSec, status, progress, model, task, detectedLanguage, processingMs, createdAt, updatedAt, queuedAt, startedAt, finishedAt)
       VALUES (?, ?, 'Speakers test', 'dialogue.wav', ?, 'audio/wav', 100000, ?, 'completed', 1, 'whisper-micro', 'transcribe', 'en', 1000, ?, ?, ?, ?, ?)`,
    ).run(id, userId, `${name}.wav`, dialogue.seconds, now, now, now, now, now);
    const insert = db.prepare(`INSERT INTO "Segment" (jobId, "index", start, "end", text, originalText) VALUES (?, ?, ?, ?, ?, ?)`);
    dialogue.truth.forEach((turn, i) => insert.run(id, i, turn.start, turn.end, `Turn ${i + 1} of the dialogue.`, `Turn ${i + 1} of the dialogue.`));
  });
  return id;
}

test("identify speakers, rename, export with names, reassign, filter and merge", async ({ page }) => {
  await signIn(page);
  const jobId = await seedDialogueJob();
  await page.goto(`/jobs/${jobId}`);
  await expect(page.getByTestId("speaker-stage")).toContainText("No speakers identified yet.");

  await page.getByTestId("identify-speakers").click();
  const dialog = page.getByRole("dialog", { name: "Identify speakers" });
  await dialog.getByLabel("Speakers", { exact: true }).selectOption("rough");
  await dialog.getByLabel("How many speakers").selectOption("exact");
  await dialog.getByLabel("Number of speakers").fill("2");
  await dialog.getByRole("button", { name: "Identify" }).click();
  await expect(page.getByTestId("speaker-stage")).toContainText("2 speakers found with rough speakers", { timeout: 120_000 });
  const chips = page.getByTestId("speaker-chip");
  await expect(chips).toHaveCount(8);
  // The voices alternate turn by turn in this fixture.
  await expect(chips.nth(0)).toHaveText("Speaker 1");
  await expect(chips.nth(1)).toHaveText("Speaker 2");
  await expect(chips.nth(2)).toHaveText("Speaker 1");

  // Rename Speaker 1 everywhere.
  await chips.nth(0).click();
  const rename = page.getByLabel("Rename “Speaker 1” everywhere");
  await rename.fill("Ana");
  await rename.press("Enter");
  await expect(page.getByTestId("transcript-status")).toContainText("Renamed “Speaker 1” to “Ana” in 4 segments.");
  await expect(page.getByTestId("speaker-chip").filter({ hasText: "Ana" })).toHaveCount(4);

  // Exports carry the names.
  const srt = await (await page.request.get(`/api/jobs/${jobId}/export?format=srt`)).text();
  expect(srt).toContain("Ana: Turn 1 of the dialogue.");
  expect(srt).toContain("Speaker 2: Turn 2 of the dialogue.");
  const vtt = await (await page.request.get(`/api/jobs/${jobId}/export?format=vtt`)).text();
  expect(vtt).toContain("<v Ana>Turn 1 of the dialogue.");
  expect(vtt).toContain("<v Speaker 2>Turn 2 of the dialogue.");

  // One segment to the other speaker.
  await page.getByTestId("speaker-chip").nth(1).click();
  await page.getByTestId("reassign-to").filter({ hasText: "Ana" }).click();
  await expect(page.getByTestId("speaker-chip").filter({ hasText: "Ana" })).toHaveCount(5);

  // Only one speaker's segments.
  await page.getByTestId("speaker-filter").selectOption("Speaker 2");
  await expect(page.getByTestId("segment")).toHaveCount(3);
  await page.getByTestId("speaker-filter").selectOption("");
  await expect(page.getByTestId("segment")).toHaveCount(8);

  // Merge Speaker 2 into Ana: one speaker left, and the filter goes with the second.
  await page.getByTestId("speaker-chip").filter({ hasText: "Speaker 2" }).first().click();
  await page.getByTestId("merge-into").filter({ hasText: "Ana" }).click();
  await expect(page.getByTestId("transcript-status")).toContainText("Merged “Speaker 2” into “Ana”");
  await expect(page.getByTestId("speaker-chip").filter({ hasText: "Ana" })).toHaveCount(8);
  await expect(page.getByTestId("speaker-filter")).toHaveCount(0);

  // One undo brings the second speaker back.
  await page.getByTestId("undo").click();
  await expect(page.getByTestId("speaker-chip").filter({ hasText: "Speaker 2" })).toHaveCount(3);
});
