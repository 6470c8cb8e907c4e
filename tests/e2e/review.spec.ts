// Review mode in a real browser against the real server: it steps to the segments
// the decoder's figures flag, marks uncertain words, and "Re-transcribe this span"
// runs the real engine on that span only: the flagged segment is replaced, the
// correction elsewhere stays. The job is written straight into the database with a
// real tone file; the test removes it and the model again.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_DIR } from "../../playwright.config";
import { installModel, MICRO_MODEL } from "../helpers/fixtures";
import { makeTone } from "../helpers/media";
import { OWNER, signIn, withDb } from "./support";

const STORAGE = path.join(E2E_DIR, "storage");
const MODELS = path.join(E2E_DIR, "models");
const CORRECTION = " A correction made by hand before the review.";
// Segment 3 fell back to a higher temperature and repeats itself; segment 6 has low confidence.
const FLAGGED: Record<number, { temperature?: number; compressionRatio?: number; avgLogprob?: number }> = {
  3: { temperature: 0.4, compressionRatio: 3.1 },
  6: { avgLogprob: -1.6 },
};
const SEGMENTS = Array.from({ length: 10 }, (_, i) => ({
  start: i * 6,
  end: i * 6 + 5.5,
  text: i === 1 ? CORRECTION : ` Review sentence ${i + 1} about the lighthouse.`,
}));

async function seedJob(): Promise<{ id: string; file: string }> {
  const storedName = `${randomUUID()}.wav`;
  const file = path.join(STORAGE, "uploads", storedName);
  await makeTone(file, 60);
  const id = `rv${randomUUID().replace(/-/g, "").slice(0, 20)}`;
  const now = new Date().toISOString().replace("Z", "+00:00");
  const meta = JSON.stringify({
    model: "whisper-micro",
    language: null,
    task: "transcribe",
    wordTimestamps: false,
    detectedLanguage: "en",
    languageProb: 0.9,
    dtype: "fp32",
    processingMs: 1000,
  });
  withDb((db) => {
    const { id: userId } = db.prepare(`SELECT id FROM "User" WHERE email = ?`).get(OWNER.email) as { id: string };
    db.prepare(
      `INSERT INTO "Job" (id, userId, title, originalName, storedName, mimeType, sizeBytes, durationSec, status, progress, model, task, detectedLanguage, languageProb, processingMs, transcriptMeta, createdAt, updatedAt, queuedAt, startedAt, finishedAt)
       VALUES (?, ?, 'Review test', 'review-test.wav', ?, 'audio/wav', 100000, 60, 'completed', 1, 'whisper-micro', 'transcribe', 'en', 0.9, 1000, ?, ?, ?, ?, ?, ?)`,
    ).run(id, userId, storedName, meta, now, now, now, now, now);
    const insert = db.prepare(
      `INSERT INTO "Segment" (jobId, "index", start, "end", text, originalText, edited, words, avgLogprob, noSpeechProb, compressionRatio, temperature)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0.01, ?, ?)`,
    );
    SEGMENTS.forEach((s, i) => {
      const flagged = FLAGGED[i] ?? {};
      // Segment 0 has word timestamps, one of them uncertain.
      const words =
        i === 0
          ? JSON.stringify(
              s.text
                .trim()
                .split(" ")
                .map((word, n) => ({ word: ` ${word}`, start: n * 0.5, end: n * 0.5 + 0.4, probability: n === 1 ? 0.2 : 0.95 })),
            )
          : null;
      const edited = i === 1 ? 1 : 0;
      insert.run(
        id,
        i,
        s.start,
        s.end,
        s.text,
        edited ? " The machine's first try." : s.text,
        edited,
        words,
        flagged.avgLogprob ?? -0.3,
        flagged.compressionRatio ?? 1.4,
        flagged.temperature ?? 0,
      );
    });
  });
  return { id, file };
}

const texts = (id: string) =>
  withDb((db) => db.prepare(`SELECT text FROM "Segment" WHERE "jobId" = ? ORDER BY "index"`).all(id) as { text: string }[]).map((r) => r.text);

test.describe.serial("review", () => {
  let job: { id: string; file: string };

  test.beforeAll(async ({ browser }) => {
    const page = await browser.newPage();
    await signIn(page);
    await page.close();
    fs.rmSync(path.join(MODELS, "whisper-micro"), { recursive: true, force: true });
    installModel(MODELS, MICRO_MODEL);
    job = await seedJob();
  });

  test.afterAll(async () => {
    withDb((db) => db.prepare(`DELETE FROM "Job" WHERE id = ?`).run(job.id));
    fs.rmSync(job.file, { force: true });
    fs.rmSync(path.join(MODELS, "whisper-micro"), { recursive: true, force: true });
  });

  test.beforeEach(async ({ page }) => signIn(page));

  test("Review mode visits the flagged segments; re-transcribing one span replaces only it", async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto(`/jobs/${job.id}`);
    const rows = page.getByTestId("segment");
    await expect(rows).toHaveCount(10);
    // Uncertain words and suspect segments are marked with more than colour.
    await expect(rows.nth(0).locator("[data-low-confidence]")).toHaveText("sentence");
    await expect(rows.nth(0).locator("[data-low-confidence]")).toHaveAttribute("title", /20% sure/);
    await expect(rows.nth(3).getByTestId("suspect-marker")).toContainText("decoded again at a higher temperature, repeated text");
    await expect(rows.nth(2).getByTestId("suspect-marker")).toHaveCount(0);

    await page.getByTestId("review-toggle").click();
    await expect(page.getByTestId("review-toggle")).toHaveText(/Review \(2\)/);
    await page.keyboard.press("n");
    await expect(page.getByTestId("review-position")).toContainText("Segment 1 of 2 to review, at 0:18");
    await expect(rows.nth(3)).toHaveAttribute("data-reviewing", "true");
    await page.keyboard.press("n");
    await expect(page.getByTestId("review-position")).toContainText("Segment 2 of 2 to review, at 0:36: low confidence");
    await expect(rows.nth(6)).toHaveAttribute("data-reviewing", "true");
    await page.keyboard.press("p");
    await expect(rows.nth(3)).toHaveAttribute("data-reviewing", "true");
    await expect(rows.nth(6)).not.toHaveAttribute("data-reviewing");

    const before = texts(job.id);
    await page.getByTestId("retranscribe-span").click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toContainText("Re-transcribe 0:18–0:23");
    await dialog.getByTestId("retranscribe-span-submit").click();
    await expect(dialog).toBeHidden();
    await expect
      .poll(
        () => withDb((db) => db.prepare(`SELECT status, "spanRequest" FROM "Job" WHERE id = ?`).get(job.id) as { status: string; spanRequest: string | null }),
        {
          timeout: 120_000,
          intervals: [200],
        },
      )
      .toEqual({ status: "completed", spanRequest: null });

    const after = texts(job.id);
    // Only segment 3 changed: the hand correction and every other segment are as they were.
    expect(after).not.toContain(before[3]);
    expect(after.slice(0, 3)).toEqual(before.slice(0, 3));
    expect(after.slice(after.length - 6)).toEqual(before.slice(4));
    expect(after[1]).toBe(CORRECTION);
    await page.reload();
    await expect(page.getByText(CORRECTION.trim())).toBeVisible();
    await expect(page.getByText(before[3].trim())).toHaveCount(0);
    await expect(page.getByTestId("undo")).toHaveText(/Undo \(1\)/);
  });
});
