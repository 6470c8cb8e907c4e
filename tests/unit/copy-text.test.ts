import { describe, expect, it } from "vitest";
import { copyText } from "@/components/shell/copy-text";

describe("copying a token", () => {
  it("uses the clipboard when the page may", async () => {
    const written: string[] = [];
    const ok = await copyText("sel_abc", { clipboard: { writeText: async (t) => void written.push(t) }, execCopy: () => false });
    expect(ok).toBe(true);
    expect(written).toEqual(["sel_abc"]);
  });

  it("falls back to the old way without a clipboard (plain http) or when it is refused", async () => {
    const copied: string[] = [];
    const execCopy = (t: string) => (copied.push(t), true);
    expect(await copyText("one", { clipboard: undefined, execCopy })).toBe(true);
    expect(await copyText("two", { clipboard: { writeText: () => Promise.reject(new Error("denied")) }, execCopy })).toBe(true);
    expect(copied).toEqual(["one", "two"]);
  });

  it("says so when neither way works", async () => {
    expect(await copyText("x", { clipboard: undefined, execCopy: () => false })).toBe(false);
    expect(
      await copyText("x", {
        clipboard: undefined,
        execCopy: () => {
          throw new Error("not allowed");
        },
      }),
    ).toBe(false);
  });
});
