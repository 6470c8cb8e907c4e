import { describe, expect, it } from "vitest";
import { isSlashShortcut } from "@/components/shell/slash-shortcut";

/** Just enough of an element for closest(): the selectors it matches, itself or through an ancestor. */
function element(matches: string[]): Element {
  return { closest: (selector: string) => (selector.split(/,\s*/).some((s) => matches.includes(s)) ? ({} as Element) : null) } as unknown as Element;
}
const key = (k: string, extra: Partial<KeyboardEvent> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, defaultPrevented: false, ...extra });

describe('"/" to search', () => {
  it("works from the page itself", () => {
    expect(isSlashShortcut(key("/"), element([]))).toBe(true);
    expect(isSlashShortcut(key("/"), null)).toBe(true);
  });

  it("leaves typing alone: fields, editable text, dialogs and menus", () => {
    for (const where of [
      "input",
      "textarea",
      "select",
      "[contenteditable]:not([contenteditable='false'])",
      '[role="dialog"]',
      '[role="alertdialog"]',
      '[role="menu"]',
    ]) {
      expect(isSlashShortcut(key("/"), element([where])), where).toBe(false);
    }
  });

  it("only for a bare slash nobody else handled", () => {
    expect(isSlashShortcut(key("?"), element([]))).toBe(false);
    expect(isSlashShortcut(key("/", { ctrlKey: true }), element([]))).toBe(false);
    expect(isSlashShortcut(key("/", { metaKey: true }), element([]))).toBe(false);
    expect(isSlashShortcut(key("/", { altKey: true }), element([]))).toBe(false);
    expect(isSlashShortcut(key("/", { defaultPrevented: true }), element([]))).toBe(false);
  });
});
