// Enumerates the route handlers from the file system, so that a new route is
// covered by the access tests without anyone remembering to add it.
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "./server";

export type RouteFile = { file: string; url: string; methods: string[] };

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : entry.name === "route.ts" ? [full] : [];
  });
}

export function apiRoutes(): RouteFile[] {
  const apiDir = path.join(ROOT, "app", "api");
  return walk(apiDir).map((file) => {
    const segments = path
      .relative(path.join(ROOT, "app"), path.dirname(file))
      .split(path.sep)
      .filter((segment) => !/^\(.*\)$/.test(segment))
      .map((segment) => (segment.startsWith("[") ? "does-not-exist" : segment));
    const source = fs.readFileSync(file, "utf8");
    const methods = METHODS.filter((m) => new RegExp(`export\\s+(const|async function|function)\\s+${m}\\b|as\\s+${m}\\b`).test(source));
    return { file: path.relative(ROOT, file), url: `/${segments.join("/")}`, methods };
  });
}

/** Routes that are public on purpose; everything else must answer 401 without credentials. */
export const PUBLIC_ROUTES = ["/api/health", "/api/auth/does-not-exist"];
