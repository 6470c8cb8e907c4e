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
  return routesUnder(path.join(ROOT, "app", "api"));
}

/**
 * The compatible APIs (app/v1: OpenAI's; app/compat/[token]: whisper-asr-webservice's),
 * which answer in their clients' shapes rather than ours; /compat is authenticated by
 * the token in its path, never by a cookie.
 */
export function compatRoutes(): RouteFile[] {
  return [...routesUnder(path.join(ROOT, "app", "v1")), ...routesUnder(path.join(ROOT, "app", "compat"))];
}

function routesUnder(dir: string): RouteFile[] {
  return walk(dir).map((file) => {
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

/** The URL path of an app/ folder: route groups dropped, dynamic segments filled with `fill`. */
export function urlOfAppDir(relativeDir: string, fill = "does-not-exist"): string {
  const segments = relativeDir
    .split(/[\\/]/)
    .filter((segment) => segment && segment !== "." && !/^\(.*\)$/.test(segment))
    .map((segment) => (segment.startsWith("[") ? fill : segment));
  return `/${segments.join("/")}`;
}

function walkFiles(dir: string, keep: (name: string) => boolean): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : walkFiles(full, keep);
    return keep(entry.name) ? [full] : [];
  });
}

export type PageFile = { file: string; url: string };

/** Every page under app/, with the URL it answers on (dynamic segments filled with `fill`). */
export function appPages(fill = "does-not-exist"): PageFile[] {
  const appDir = path.join(ROOT, "app");
  return walkFiles(appDir, (name) => /^page\.(tsx|ts|jsx|js)$/.test(name)).map((file) => ({
    file: path.relative(ROOT, file),
    url: urlOfAppDir(path.relative(appDir, path.dirname(file)), fill),
  }));
}

/** Pages anyone may open; every other page must send a signed-out visitor to /login. */
export const PUBLIC_PAGES = ["/login", "/setup"];

export type ActionExport = { file: string; name: string; params: string };

/**
 * Every exported function of every `"use server"` module in app/, components/ and lib/
 * (module-level directive only), with its parameter list as written.
 */
export function serverActionExports(): ActionExport[] {
  const found: ActionExport[] = [];
  for (const top of ["app", "components", "lib"]) {
    const dir = path.join(ROOT, top);
    if (!fs.existsSync(dir)) continue;
    for (const file of walkFiles(dir, (name) => /\.(ts|tsx|js|mjs)$/.test(name))) {
      const source = fs.readFileSync(file, "utf8");
      // The directive must be the first statement (comments may precede it).
      const body = source.replace(/^(\s*(\/\/[^\n]*\n|\/\*[\s\S]*?\*\/))*\s*/, "");
      if (!/^["']use server["'];?/.test(body)) continue;
      const pattern = /export\s+(?:async\s+)?function\s+(\w+)\s*\(([^)]*)\)|export\s+const\s+(\w+)\s*=\s*(?:async\s*)?\(([^)]*)\)\s*(?::[^=]+)?=>/g;
      for (const match of source.matchAll(pattern)) {
        found.push({ file: path.relative(ROOT, file), name: match[1] ?? match[3], params: (match[2] ?? match[4] ?? "").trim() });
      }
      // Actions made by a wrapper: `export const x = authAction(...)`, `authFormAction(...)`, `publicFormAction(...)`.
      for (const match of source.matchAll(/export\s+const\s+(\w+)\s*=\s*(\w+)\(/g)) {
        found.push({ file: path.relative(ROOT, file), name: match[1], params: /FormAction$/.test(match[2]) ? "_state, formData: FormData" : "input" });
      }
      // `export { a, b as c }` lists count too.
      for (const list of source.matchAll(/export\s*\{([^}]*)\}/g)) {
        for (const item of list[1]
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean)) {
          found.push({
            file: path.relative(ROOT, file),
            name: item
              .split(/\s+as\s+/)
              .pop()!
              .trim(),
            params: "",
          });
        }
      }
    }
  }
  return found;
}

type ManifestEntry = { workers: Record<string, unknown>; filename: string; exportedName: string };

/** Action id by "file#export", read from the build's server-reference manifest, plus the pages that carry it. */
export function actionManifest(): Map<string, { id: string; pages: string[] }> {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, ".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, ManifestEntry>;
    edge: Record<string, ManifestEntry>;
  };
  const byExport = new Map<string, { id: string; pages: string[] }>();
  for (const [id, entry] of [...Object.entries(manifest.node ?? {}), ...Object.entries(manifest.edge ?? {})]) {
    const pages = Object.keys(entry.workers).filter((worker) => worker.startsWith("app/") && worker.endsWith("/page"));
    byExport.set(`${entry.filename}#${entry.exportedName}`, { id, pages });
  }
  return byExport;
}
