// A person with only a browser: a fresh install goes setup → download a model (from
// the local hub playwright.config.ts starts; MODEL_HOST points at it) → upload →
// transcript, with no shell anywhere. Runs against its own untouched server.
import path from "node:path";
import { expect, test } from "@playwright/test";
import { makeSpeech, makeTempDir } from "../helpers/media";
import { OWNER } from "./support";

test.describe.serial("a fresh install, browser only", () => {
  let media: { dir: string; cleanup: () => Promise<void> };
  let recording: string;

  test.beforeAll(async () => {
    media = await makeTempDir("selenite-fresh-");
    // Speech, as a person would upload: voice detection is on by default and skips a tone.
    recording = await makeSpeech(
      path.join(media.dir, "First recording.wav"),
      "Welcome to the first recording on this server. It was uploaded from a browser, and nobody opened a shell.",
    );
  });
  test.afterAll(async () => media.cleanup());

  test("setup, then Download a model now, then a recording is transcribed", async ({ page }) => {
    test.setTimeout(240_000);
    await page.goto("/");
    await expect(page).toHaveURL(/\/setup$/);
    await expect(page.getByText("Step 2: download a Whisper model")).toBeVisible();
    await page.getByLabel("Your name (optional)").fill(OWNER.name);
    await page.getByLabel("Email").fill(OWNER.email);
    await page.getByLabel("Password", { exact: true }).fill(OWNER.password);
    await page.getByLabel("Confirm password").fill(OWNER.password);
    await page.getByRole("button", { name: "Create account" }).click();
    // Signed in straight away, or asked to sign in once.
    await expect(page.getByRole("heading", { name: /Dashboard|Sign in/ })).toBeVisible();
    if (/\/login/.test(page.url())) {
      await page.getByLabel("Email").fill(OWNER.email);
      await page.getByLabel("Password").fill(OWNER.password);
      await page.getByRole("button", { name: "Sign in" }).click();
    }
    await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();

    // The last step of the first run: one button, the model suggested for this machine.
    const offer = page.getByRole("region", { name: "Download a model" });
    await expect(offer).toContainText("No Whisper model is installed yet.");
    await expect(offer).not.toContainText("npm run");
    await expect(page.getByRole("link", { name: "Go to Models" })).toHaveAttribute("href", "/models");
    const button = offer.getByRole("button", { name: /^Download whisper-\S+ now$/ });
    const name = /^Download (whisper-\S+) now$/.exec((await button.textContent())!.trim())![1];
    await button.click();

    // The Models page follows the download live until it is installed.
    await expect(page).toHaveURL(/\/models$/);
    const card = page.getByTestId("catalog-model").and(page.locator(`[data-model="${name}"]`));
    await expect(card.getByText("Installed", { exact: true })).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId("model-card").filter({ hasText: name })).toBeVisible();
    await expect(card.getByRole("button", { name: "Delete" })).toBeVisible();

    // Upload and read the transcript.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
    await page.getByTestId("upload-input").setInputFiles(recording);
    const row = page.getByTestId("job-row").filter({ hasText: "First recording" });
    await expect(row).toHaveCount(1, { timeout: 30_000 });
    await expect(row.getByTestId("job-status")).toContainText("Completed", { timeout: 180_000 });
    await row.getByRole("link", { name: "First recording" }).first().click();
    await expect(page.getByTestId("segment").first()).toBeVisible();
    await expect(page.getByRole("complementary", { name: "Details" })).toContainText(name);
  });
});
