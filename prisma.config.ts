import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// The CLI (migrate, generate) connects the same way the app does: through the
// better-sqlite3 driver adapter and Prisma's JavaScript schema engine, so nothing
// native has to be downloaded.
function databaseUrl(): string {
  const storage = process.env.STORAGE_DIR ?? "./storage";
  return process.env.DATABASE_URL ?? `file:${path.join(storage, "selenite.db")}`;
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  adapter: async () => {
    const url = databaseUrl();
    // better-sqlite3 creates the file but not its folder.
    fs.mkdirSync(path.dirname(url.replace(/^file:/, "")), { recursive: true });
    return new PrismaBetterSQLite3({ url });
  },
});
