import { expect, test } from "@playwright/test";
import { STORAGE_STATE } from "../../playwright.config";
import { signIn } from "./support";

const OWNER = { name: "Ada", email: "ada@example.com", password: "moonlight-orbit-7" };

test.describe.serial("first run and sign-in", () => {
  test("a new install asks for the owner account, then signs in and out", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/setup$/);
    await expect(page.getByRole("heading", { name: "Welcome to Selenite" })).toBeVisible();

    // The form explains what is wrong before anything is created, and keeps what was typed.
    await page.getByLabel("Your name (optional)").fill(OWNER.name);
    await page.getByLabel("Email").fill(OWNER.email);
    await page.getByLabel("Password", { exact: true }).fill("short");
    await page.getByLabel("Confirm password").fill("different");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("Use at least 8 characters.")).toBeVisible();
    await expect(page.getByLabel("Your name (optional)")).toHaveValue(OWNER.name);
    await expect(page.getByLabel("Email")).toHaveValue(OWNER.email);

    // Creating the account signs the owner in: straight to the dashboard.
    await page.getByLabel("Password", { exact: true }).fill(OWNER.password);
    await page.getByLabel("Confirm password").fill(OWNER.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();

    // Setup is one-time: it now sends people to the login page.
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/setup");
    await expect(page).toHaveURL(/\/login$/);

    await page.getByLabel("Email").fill(OWNER.email);
    await page.getByLabel("Password").fill(OWNER.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
    await expect(page.getByText("No transcripts yet")).toBeVisible();
    await expect(page.getByText("No Whisper model is installed yet.")).toBeVisible();

    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name.includes("session-token"));
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe("Lax");

    for (const [link, heading] of [
      ["Search", "Search"],
      ["Settings", "Settings"],
      ["Models", "Models"],
    ] as const) {
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: link }).click();
      await expect(page.getByRole("heading", { name: heading, exact: true })).toBeVisible();
    }
    await expect(page.getByRole("heading", { name: "Download a model to start" })).toBeVisible();

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/settings");
    await expect(page).toHaveURL(/\/login\?next=%2Fsettings$/);
  });

  // Before the stored session exists: "sign out all other sessions" would end it.
  test("sessions are listed in Settings and end on sign-out or revoke, copied cookies included", async ({ browser, page }) => {
    const firefox = await browser.newContext({ userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0" });
    const iphone = await browser.newContext({
      userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
    });
    const copy = await browser.newContext();
    try {
      const [firefoxPage, iphonePage, copyPage] = await Promise.all([firefox.newPage(), iphone.newPage(), copy.newPage()]);
      await signIn(page);
      await signIn(firefoxPage);
      await signIn(iphonePage);

      await page.goto("/settings");
      const sessions = page.getByRole("list", { name: "Signed-in sessions" }).getByTestId("session");
      await expect(sessions).toHaveCount(3);
      await expect(sessions.filter({ hasText: "This device" })).toHaveCount(1);
      await expect(sessions.filter({ hasText: "This device" })).toContainText("Chrome on Linux");
      await expect(sessions.filter({ hasText: "Firefox on Linux" })).toContainText("127.0.0.1");

      // Signing out one session ends it in that browser at once; this one carries on.
      await page.getByRole("button", { name: /^Sign out Firefox on Linux/ }).click();
      await expect(sessions).toHaveCount(2);
      await firefoxPage.goto("/settings");
      await expect(firefoxPage).toHaveURL(/\/login\?next=%2Fsettings$/);
      await page.reload();
      await expect(page.getByRole("heading", { name: "Settings", exact: true })).toBeVisible();

      await page.getByRole("button", { name: "Sign out all other sessions" }).click();
      await expect(page.getByText("Signed out 1 other session.")).toBeVisible();
      await expect(sessions).toHaveCount(1);
      await expect(page.getByText("No other browser is signed in.")).toBeVisible();
      await iphonePage.goto("/");
      await expect(iphonePage).toHaveURL(/\/login$/);

      // A copy of this browser's cookie works until this browser signs out, then never again.
      await copy.addCookies(await page.context().cookies());
      await copyPage.goto("/settings");
      await expect(copyPage.getByRole("heading", { name: "Settings", exact: true })).toBeVisible();
      await page.getByRole("button", { name: "Sign out", exact: true }).click();
      await expect(page).toHaveURL(/\/login/);
      await copyPage.goto("/settings");
      await expect(copyPage).toHaveURL(/\/login\?next=%2Fsettings$/);
    } finally {
      await Promise.all([firefox.close(), iphone.close(), copy.close()]);
    }
  });

  test("a wrong password is refused and the right one still works", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(OWNER.email);
    await page.getByLabel("Password").fill("not-my-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("form").getByRole("alert")).toHaveText("Wrong email or password.");
    await expect(page).toHaveURL(/\/login$/);

    await page.getByLabel("Password").fill(OWNER.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
    // The other browser specs start from this signed-in session.
    await page.context().storageState({ path: STORAGE_STATE });
  });

  test("repeated wrong passwords are throttled with a wait time", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill("mallory@example.com");
    for (let attempt = 0; attempt < 5; attempt++) {
      await page.getByLabel("Password").fill(`guess-${attempt}`);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.locator("form").getByRole("alert")).toHaveText("Wrong email or password.");
    }
    await page.getByLabel("Password").fill("guess-final");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("form").getByRole("alert")).toHaveText(/Too many failed sign-in attempts\. Try again in \d+ s\./);
  });

  test("the theme can be switched to dark and back", async ({ page }) => {
    await page.goto("/login");
    const html = page.locator("html");
    const toggle = page.getByRole("button", { name: /theme/ });
    await toggle.click(); // system → light
    await expect(html).toHaveClass(/light/);
    await toggle.click(); // light → dark
    await expect(html).toHaveClass(/dark/);
  });
});
