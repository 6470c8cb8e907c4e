// The daily workflow end to end with real transcription (the generated micro
// Whisper model through transformers.js and onnxruntime-node): upload, live
// progress, the job page in step with the player, restart with another option,
// delete. Everything it creates is removed again.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_DIR } from "../../playwright.config";
import { installModel, MICRO_MODEL } from "../helpers/fixtures";
import { makeLongWav, makeTempDir } from "../helpers/media";

const MODEL_DIR = path.join(E2E_DIR, "models", "whisper-micro");

test.describe.serial("upload to transcript", () => {
  let media: { dir: string; cleanup: () => Promise<void> };
  let recording: string;

  test.beforeAll(async () => {
    media = await makeTempDir("selenite-workflow-");
    recording = await makeLongWav(path.join(media.dir, "Team meeting.wav"), 150);
    fs.rmSync(MODEL_DIR, { recursive: true, force: true });
    installModel(path.dirname(MODEL_DIR), MICRO_MODEL);
  });

  test.afterAll(async () => {
    await media.cleanup();
    fs.rmSync(MODEL_DIR, { recursive: true, force: true });
  });

  test("a recording is uploaded, transcribed live, played, restarted and deleted", async ({ page }) => {
    test.setTimeout(240_000);
    await page.goto("/");
    // The recording is a tone, not speech: with voice detection on it would get no transcript.
    await page.getByLabel("Skip silence").uncheck();
    await page.getByTestId("upload-input").setInputFiles(recording);
    const row = page.getByTestId("job-row").filter({ hasText: "Team meeting" });
    await expect(row).toHaveCount(1, { timeout: 30_000 });

    // Watch the status change on the page, without reloading, until it completes.
    const seen = new Set<string>();
    await expect
      .poll(
        async () => {
          const text = (await row.getByTestId("job-status").textContent()) ?? "";
          seen.add(text.replace(/\d+/g, "#"));
          return text;
        },
        { timeout: 180_000, intervals: [100] },
      )
      .toMatch(/Completed/);
    expect(
      [...seen].some((s) => /Processing|Transcribing|%/.test(s)),
      `statuses seen: ${[...seen].join(" | ")}`,
    ).toBe(true);

    // The job page: the transcript follows the player and a click seeks.
    await row.getByRole("link", { name: "Team meeting" }).first().click();
    await expect(page).toHaveURL(/\/jobs\/[^/?]+$/);
    const jobId = page.url().split("/jobs/")[1];
    const segments = page.getByTestId("segment");
    await expect(segments.first()).toBeVisible();
    const count = await segments.count();
    expect(count).toBeGreaterThan(1);
    const target = segments.nth(Math.min(2, count - 1));
    await target.click();
    await expect(target).toHaveAttribute("aria-current", "true");
    const seconds = await page.evaluate(() => document.querySelector("audio")?.currentTime ?? 0);
    expect(seconds).toBeGreaterThan(1);

    // Restart in French: back through the queue, and done again.
    await page.getByRole("button", { name: "Restart…" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Language").selectOption("fr");
    await dialog
      .getByRole("button", { name: /Restart/ })
      .last()
      .click();
    await expect(page.getByTestId("job-status")).toContainText(/Queued|Processing/, { timeout: 30_000 });
    await expect(page.getByTestId("job-status")).toContainText("Completed", { timeout: 180_000 });
    await expect(page.getByRole("complementary", { name: "Details" }).getByText("French (chosen)")).toBeVisible();

    // Delete: the job goes to the trash, and Delete forever there removes its media file.
    // Recordings, not the waveform peaks kept beside them (`<stored name>.peaks`), which go with them.
    const uploads = () => fs.readdirSync(path.join(E2E_DIR, "storage", "uploads"));
    const recordings = () => uploads().filter((name) => !name.endsWith(".peaks"));
    const stored = recordings();
    await page.getByRole("button", { name: "Delete" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Move to trash" }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByTestId("job-row").filter({ hasText: "Team meeting" })).toHaveCount(0);
    const response = await page.request.get(`/api/jobs/${jobId}`);
    expect(response.status()).toBe(404);
    await page.goto("/trash");
    await page.getByRole("button", { name: /^Delete Team meeting.* forever$/ }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Delete forever" }).click();
    await expect.poll(() => recordings().length).toBe(stored.length - 1);
    // Its waveform peaks went with it.
    const [gone] = stored.filter((name) => !recordings().includes(name));
    expect(uploads()).not.toContain(`${gone}.peaks`);
  });
});
