// Copying to the clipboard from a page that may not be a secure context: Selenite
// is often reached over plain http on a home network, where navigator.clipboard
// does not exist. Client-safe; the browser's parts are passed in so it can be tested.

export type ClipboardEnv = {
  clipboard?: { writeText(text: string): Promise<void> } | undefined;
  /** The old way: copy what a temporary text field holds. Returns whether it worked. */
  execCopy: (text: string) => boolean;
};

/** Copies `text`; false when neither way worked (then the person copies it by hand). */
export async function copyText(text: string, env: ClipboardEnv): Promise<boolean> {
  if (env.clipboard) {
    try {
      await env.clipboard.writeText(text);
      return true;
    } catch {
      // Denied, or not focused: try the old way.
    }
  }
  try {
    return env.execCopy(text);
  } catch {
    return false;
  }
}

/** The browser's own environment for copyText. */
export function browserClipboard(): ClipboardEnv {
  return {
    clipboard: typeof navigator !== "undefined" && window.isSecureContext ? navigator.clipboard : undefined,
    execCopy: (text) => {
      const field = document.createElement("textarea");
      field.value = text;
      field.setAttribute("readonly", "");
      field.style.position = "fixed";
      field.style.opacity = "0";
      const focused = document.activeElement as HTMLElement | null;
      document.body.appendChild(field);
      field.select();
      try {
        return document.execCommand("copy");
      } finally {
        field.remove();
        focused?.focus();
      }
    },
  };
}
