// Changing the password (issue 14.9): the page says it signs you out everywhere else,
// and it does: this browser stays signed in, another one is signed out at once. The
// password is changed back at the end, for the specs that follow.
import { expect, test, type Page } from "@playwright/test";
import { OWNER, signIn } from "./support";

async function changePassword(page: Page, from: string, to: string) {
  await page.goto("/settings");
  await page.getByLabel("Current password").fill(from);
  await page.getByLabel("New password", { exact: true }).fill(to);
  await page.getByLabel("Confirm new password").fill(to);
  await page.getByRole("button", { name: "Change password" }).click();
}

test("a password change keeps this session and ends the others", async ({ browser, page }) => {
  // A browser of its own: without this it would share the app project's signed-in storageState.
  const other = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const changed = `${OWNER.password}-new`;
  try {
    const otherPage = await other.newPage();
    await signIn(otherPage);
    await signIn(page);

    await changePassword(page, OWNER.password, changed);
    await expect(page.getByText(/^Password changed\. Signed out \d+ other sessions?\.$/)).toBeVisible();
    await page.reload();
    await expect(page.getByRole("heading", { name: "Settings", exact: true })).toBeVisible();
    await expect(page.getByText("No other browser is signed in.")).toBeVisible();

    await otherPage.goto("/settings");
    await expect(otherPage).toHaveURL(/\/login\?next=%2Fsettings$/);
  } finally {
    await changePassword(page, changed, OWNER.password);
    await expect(page.getByText(/^Password changed\./)).toBeVisible();
    await other.close();
  }
});
