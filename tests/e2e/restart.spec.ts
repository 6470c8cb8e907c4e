// Restarting from the job page and from the dashboard: both dialogs store the same
// options for an English-only model, the transcript stays on the page while the new
// one is made, and the replaced one can be restored. Everything it creates is removed.
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { E2E_DIR } from "../../playwright.config";
import { installModel, MICRO_MODEL, MICRO_MODEL_EN } from "../helpers/fixtures";
import { makeLongWav, makeTempDir } from "../helpers/media";
import { withDb } from "./support";

const MODELS = path.join(E2E_DIR, "models");
const TITLE = "Restart twice";

type Row = { status: string; model: string; language: string | null; task: string; transcriptMeta: string | null };
const jobRow = (id: string) => withDb((db) => db.prepare(`SELECT status, model, language, task, "transcriptMeta" FROM "Job" WHERE id = ?`).get(id) as Row);

async function untilFinished(id: string): Promise<Row> {
  await expect.poll(() => jobRow(id).status, { timeout: 120_000, intervals: [200] }).toMatch(/completed|failed|cancelled/);
  return jobRow(id);
}

async function chooseEnglishOnly(page: Page): Promise<void> {
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Model").selectOption("whisper-micro.en");
  // Both dialogs show the rule the server applies.
  await expect(dialog.getByLabel("Language")).toBeDisabled();
  await dialog.getByRole("button", { name: /^Restart$/ }).click();
  await expect(dialog).toBeHidden();
}

test.describe.serial("restart", () => {
  let media: { dir: string; cleanup: () => Promise<void> };
  let recording: string;

  test.beforeAll(async () => {
    media = await makeTempDir("selenite-restart-");
    recording = await makeLongWav(path.join(media.dir, `${TITLE}.wav`), 120);
    for (const source of [MICRO_MODEL, MICRO_MODEL_EN]) {
      fs.rmSync(path.join(MODELS, path.basename(source)), { recursive: true, force: true });
      installModel(MODELS, source);
    }
  });

  test.afterAll(async () => {
    await media.cleanup();
    for (const source of [MICRO_MODEL, MICRO_MODEL_EN]) fs.rmSync(path.join(MODELS, path.basename(source)), { recursive: true, force: true });
  });

  test("both dialogs store the same options; the transcript stays until replaced, then can be restored", async ({ page }) => {
    test.setTimeout(300_000);
    await page.goto("/");
    // The recording is a tone, not speech: with voice detection on it would get no transcript.
    await page.getByLabel("Skip silence").uncheck();
    await page.getByTestId("upload-input").setInputFiles(recording);
    const row = page.getByTestId("job-row").filter({ hasText: TITLE });
    await expect(row).toHaveCount(1, { timeout: 30_000 });
    await expect(row.getByTestId("job-status")).toContainText("Completed", { timeout: 120_000 });

    // From the dashboard.
    await row.getByRole("button", { name: `Actions for ${TITLE}` }).click();
    await page.getByRole("menuitem", { name: "Restart with other options…" }).click();
    await chooseEnglishOnly(page);
    const id = await row
      .getByRole("link", { name: TITLE })
      .first()
      .getAttribute("href")
      .then((href) => href!.split("/jobs/")[1]);
    expect(jobRow(id)).toMatchObject({ model: "whisper-micro.en", language: "en", task: "transcribe" });
    expect((await untilFinished(id)).status).toBe("completed");

    // From the job page: back to the multilingual model, then to the English-only one again.
    await page.goto(`/jobs/${id}`);
    await page.getByRole("button", { name: "Restart…" }).first().click();
    await page.getByRole("dialog").getByLabel("Model").selectOption("whisper-micro");
    await page
      .getByRole("dialog")
      .getByRole("button", { name: /^Restart$/ })
      .click();
    // The transcript stays on the page while the new one is made.
    await expect(page.getByText("The transcript below stays as it is")).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId("segment").first()).toBeVisible();
    await untilFinished(id);
    await page.reload();
    await page.getByRole("button", { name: "Restart…" }).first().click();
    await chooseEnglishOnly(page);
    expect(jobRow(id)).toMatchObject({ model: "whisper-micro.en", language: "en", task: "transcribe" });
    expect((await untilFinished(id)).status).toBe("completed");

    // The one made by the multilingual model comes back, and the job says so.
    await page.reload();
    await page.getByRole("button", { name: "Restore previous transcript" }).click();
    await expect.poll(() => jobRow(id).model, { timeout: 30_000 }).toBe("whisper-micro");
    expect(JSON.parse(jobRow(id).transcriptMeta!)).toMatchObject({ model: "whisper-micro" });
    await expect(page.getByTestId("segment").first()).toBeVisible();

    // Clean up through the page, as a person would.
    await page.getByRole("button", { name: "Delete" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Move to trash" }).click();
    await expect(page).toHaveURL(/\/$/);
  });
});
