// Where to go after signing in: the page a signed-out visitor asked for. Only a path on
// this site is accepted; anything that a browser could read as another origin
// ("//evil.com", "/\evil.com", "https://…", control characters) is refused. No
// "server-only": the login form reads it too.

const BASE = "http://selenite.invalid";

/** The same-origin path to return to, normalized, or null when `raw` is not one. */
export function safeReturnPath(raw: string | null | undefined): string | null {
  if (!raw || raw.length > 2000 || !raw.startsWith("/") || raw.startsWith("//")) return null;
  // Browsers read "\" as "/" in URLs, and strip tabs and newlines, so "/\evil.com" would leave.
  if (/[\\\u0000-\u001f\u007f]/.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  url.searchParams.delete("_rsc");
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Never back to the sign-in pages themselves, or to the API.
  if (/^\/(login|setup|api)(\/|$|\?)/.test(path)) return null;
  return path;
}

/** The login page's address for a visitor who asked for `requested`. */
export function loginPath(requested: string | null | undefined): string {
  const path = safeReturnPath(requested);
  return path && path !== "/" ? `/login?next=${encodeURIComponent(path)}` : "/login";
}
