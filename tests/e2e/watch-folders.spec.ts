// Settings → Watch folders in the browser: a path that does not exist is refused with
// its reason; a real folder is watched, a file in it that is not media shows up as
// "Not imported" with why; the folder can be paused and removed.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";

test("add a watch folder, see a bad file reported, pause and remove it", async ({ page }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "selenite-e2e-watch-"));
  try {
    await page.goto("/settings");
    const folderField = page.getByLabel("Folder on the server");
    await folderField.fill(path.join(dir, "missing"));
    await page.getByRole("button", { name: "Watch this folder" }).click();
    await expect(page.getByText(`${path.join(dir, "missing")} does not exist on the server`)).toBeVisible();

    await folderField.fill(dir);
    await page.getByLabel("Subtitles").selectOption("beside");
    await page.getByRole("button", { name: "Watch this folder" }).click();
    await expect(page.getByText(`Watching ${dir}.`)).toBeVisible();
    const item = page.getByTestId("watch-folder").filter({ hasText: dir });
    await expect(item).toContainText("srt beside the recording");

    fs.writeFileSync(path.join(dir, "minutes.mp3"), "minutes of the meeting, typed, not recorded\n".repeat(100));
    await expect(async () => {
      await page.reload();
      await expect(item.getByText("Not imported")).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 90_000 });
    await expect(item).toContainText("minutes.mp3");

    await item.getByRole("button", { name: `Pause watching ${dir}` }).click();
    await expect(item.getByText("Paused")).toBeVisible();
    await item.getByRole("button", { name: `Stop watching ${dir}` }).click();
    await expect(page.getByTestId("watch-folder").filter({ hasText: dir })).toHaveCount(0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
