// Cancel on the job page (issue 14.10) with real transcription (the generated micro
// model): Cancel asks first, "Keep going" keeps it going; once cancelled, the windows
// already transcribed are the transcript, labelled "Cancelled at m:ss — partial
// transcript", downloadable; Restart does not appear where Cancel was. Everything it
// creates is removed again.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_DIR } from "../../playwright.config";
import { installModel, MICRO_MODEL } from "../helpers/fixtures";
import { makeLongWav, makeTempDir } from "../helpers/media";
import { withDb } from "./support";

const MODEL_DIR = path.join(E2E_DIR, "models", "whisper-micro");
const TITLE = "Long cancelled talk";

test.describe.serial("cancel", () => {
  let media: { dir: string; cleanup: () => Promise<void> };
  let recording: string;
  let hadModel = false;

  test.beforeAll(async () => {
    media = await makeTempDir("selenite-cancel-");
    // Twenty 30 s windows: the cancel lands long before the last one.
    recording = await makeLongWav(path.join(media.dir, `${TITLE}.wav`), 600);
    hadModel = fs.existsSync(MODEL_DIR);
    if (!hadModel) installModel(path.dirname(MODEL_DIR), MICRO_MODEL);
  });

  test.afterAll(async () => {
    withDb((db) => db.prepare(`DELETE FROM "Job" WHERE title = ?`).run(TITLE));
    await media.cleanup();
    if (!hadModel) fs.rmSync(MODEL_DIR, { recursive: true, force: true });
  });

  test("asks first, then keeps what was transcribed as a partial transcript, and Restart is not where Cancel was", async ({ page }) => {
    test.setTimeout(240_000);
    await page.goto("/");
    // The recording is a tone, not speech: with voice detection on it would get no transcript.
    await page.getByLabel("Skip silence").uncheck();
    await page.getByTestId("upload-input").setInputFiles(recording);
    const row = page.getByTestId("job-row").filter({ hasText: TITLE });
    await expect(row).toHaveCount(1, { timeout: 30_000 });
    await row.getByRole("link", { name: TITLE }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();

    // The first windows arrive live.
    await expect(page.getByTestId("transcript-so-far").locator("li").first()).toBeVisible({ timeout: 120_000 });
    const cancel = page.getByRole("button", { name: "Cancel", exact: true });
    const box = (await cancel.boundingBox())!;

    await cancel.click();
    const dialog = page.getByRole("alertdialog");
    await expect(dialog.getByRole("heading", { name: "Cancel this transcription?" })).toBeVisible();
    await expect(dialog).toContainText("kept as a partial transcript");
    await dialog.getByRole("button", { name: "Keep going" }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId("job-status")).toContainText(/Processing|Transcribing|%/);

    await cancel.click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Cancel transcription" }).click();
    await expect(page.getByRole("heading", { name: /^Cancelled at \d+:\d\d — partial transcript$/ })).toBeVisible({ timeout: 60_000 });
    const segments = page.getByTestId("segment");
    await expect(segments.first()).toBeVisible();
    expect(await segments.count()).toBeGreaterThan(0);
    await expect(page.getByTestId("job-status")).toContainText("Cancelled");

    // What sits where Cancel was is not Restart: a second click there cannot restart the job.
    const under = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest("button")?.textContent ?? null, {
      x: box.x + box.width / 2,
      y: box.y + box.height / 2,
    });
    expect(under ?? "").not.toMatch(/Restart/);
    await expect(page.getByRole("button", { name: "Restart…" }).first()).toBeVisible();

    // The partial transcript downloads.
    await page.getByTestId("download-menu").click();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-txt").click()]);
    expect(download.suggestedFilename()).toBe(`${TITLE}.txt`);
    expect(fs.readFileSync((await download.path())!, "utf8").trim().length).toBeGreaterThan(0);
  });
});
