// After signing in, a person returns to the page they asked for (issue 14.7), but
// only to a path on this site: nothing a browser could read as another origin.
import { describe, expect, it } from "vitest";
import { loginPath, safeReturnPath } from "@/lib/http/return-path";

describe("the return path after sign-in", () => {
  it("keeps a same-origin path with its query and hash", () => {
    expect(safeReturnPath("/jobs/abc?t=30")).toBe("/jobs/abc?t=30");
    expect(safeReturnPath("/search?q=moon#hit-2")).toBe("/search?q=moon#hit-2");
    expect(safeReturnPath("/jobs/abc?t=30&_rsc=1x2y")).toBe("/jobs/abc?t=30");
  });

  it.each([
    "//evil.com",
    "//evil.com/jobs",
    "/\\evil.com",
    "\\\\evil.com",
    "/jobs\\..\\x",
    "https://evil.com/",
    "javascript:alert(1)",
    "evil.com",
    "/\t/evil.com",
    "/\n/evil.com",
    "",
    "/login?next=/jobs",
    "/api/jobs",
  ])("refuses %j", (raw) => {
    expect(safeReturnPath(raw)).toBeNull();
  });

  it("sends a signed-out visitor to the login page with the path, or without one", () => {
    expect(loginPath("/jobs/abc?t=30")).toBe("/login?next=%2Fjobs%2Fabc%3Ft%3D30");
    expect(loginPath("/")).toBe("/login");
    expect(loginPath("//evil.com")).toBe("/login");
    expect(loginPath(null)).toBe("/login");
  });
});
