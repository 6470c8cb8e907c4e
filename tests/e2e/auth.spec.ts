import { expect, test } from "@playwright/test";
import { STORAGE_STATE } from "../../playwright.config";

const OWNER = { name: "Ada", email: "ada@example.com", password: "moonlight-orbit-7" };

test.describe.serial("first run and sign-in", () => {
  test("a new install asks for the owner account, then signs in and out", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/setup$/);
    await expect(page.getByRole("heading", { name: "Welcome to Selenite" })).toBeVisible();

    // The form explains what is wrong before anything is created.
    await page.getByLabel("Email").fill(OWNER.email);
    await page.getByLabel("Password", { exact: true }).fill("short");
    await page.getByLabel("Confirm password").fill("different");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("Use at least 8 characters.")).toBeVisible();

    await page.getByLabel("Your name (optional)").fill(OWNER.name);
    await page.getByLabel("Email").fill(OWNER.email);
    await page.getByLabel("Password", { exact: true }).fill(OWNER.password);
    await page.getByLabel("Confirm password").fill(OWNER.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/login\?setup=done$/);
    await expect(page.getByText("Your account is ready")).toBeVisible();

    // Setup is one-time: it now sends people to the login page.
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

    for (const [link, heading] of [["Search", "Search"], ["Settings", "Settings"], ["Models", "Models"]] as const) {
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: link }).click();
      await expect(page.getByRole("heading", { name: heading, exact: true })).toBeVisible();
    }
    await expect(page.getByText("npm run models -- pull whisper-base").first()).toBeVisible();

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/settings");
    await expect(page).toHaveURL(/\/login$/);
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
