// Client-safe and pure: when "/" means "go to the search box", as on GitHub and YouTube.

const TYPING = "input, textarea, select, [contenteditable]:not([contenteditable='false'])";

/** Whether "/" should move to the search field: not while typing, not with a modifier, not inside a dialog. */
export function isSlashShortcut(event: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "altKey" | "defaultPrevented">, target: Element | null): boolean {
  if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return false;
  return !target?.closest(`${TYPING}, [role="dialog"], [role="alertdialog"], [role="menu"]`);
}
