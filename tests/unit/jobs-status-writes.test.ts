// Nothing outside lib/jobs writes a job's status: every write goes through
// transitionJob (lib/jobs/transition.ts). This reads the source tree with the
// TypeScript parser and fails on a status in a Prisma write (`data: { status }`),
// a status literal anywhere but a `where` filter, or raw SQL that sets one.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { JOB_STATUSES } from "@/lib/jobs/status";

const ROOT = path.resolve(__dirname, "../..");
const SCANNED = ["app", "components", "lib", "scripts", "server.ts"];
const OWNER = "lib/jobs/";
const SKIP = new Set(["node_modules", "generated", ".next"]);
/** Files allowed to write a status anyway, each with its reason. */
const ALLOWED: Record<string, string> = {
  "lib/webhooks/deliveries.ts": "writes WebhookDelivery.status, the delivery queue's own life (queued | sending | delivered | failed), never a job's",
  "lib/webhooks/payload.ts": "describes the sample job of a test notification (a completed one) in the JSON it sends, never a row",
  "scripts/bench/search.ts": "seeds a throwaway benchmark database with finished jobs through raw SQL",
  "lib/watch/import.ts": "writes WatchedFile.status (importing | imported | failed), a watched file's own record, never a job's",
  "lib/speakers/queue.ts": "writes SpeakerRun.status, the speaker stage's own life (queued | running | completed | failed), never a job's",
};
const WRITE_KEYS = new Set(["data", "create", "update", "createMany", "updateMany"]);
const STATUS_LITERAL = new Set<string>(JOB_STATUSES);
const RAW_SQL_WRITE = [/\bUPDATE\s+"?Job"?\s+SET\b[^;]*\bstatus\b\s*=/i, /\bINSERT\s+(?:OR\s+\w+\s+)?INTO\s+"?Job"?\s*\([^)]*\bstatus\b/i];

function propertyName(node: ts.Node): string | undefined {
  if ((ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name))) {
    return node.name.text;
  }
  return undefined;
}

function unwrap(node: ts.Expression): ts.Expression {
  while (ts.isSatisfiesExpression(node) || ts.isAsExpression(node) || ts.isParenthesizedExpression(node)) node = node.expression;
  return node;
}

/** The keys of the object properties enclosing `node`, innermost first. */
function enclosingKeys(node: ts.Node): string[] {
  const keys: string[] = [];
  for (let at = node.parent; at; at = at.parent) {
    const name = propertyName(at);
    if (name) keys.push(name);
  }
  return keys;
}

export function findStatusWrites(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, fileName.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const report = (node: ts.Node, what: string) => {
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    found.push(`${fileName}:${line}: ${what}`);
  };
  const visit = (node: ts.Node) => {
    if (propertyName(node) === "status") {
      const keys = enclosingKeys(node);
      const value = ts.isPropertyAssignment(node) ? unwrap(node.initializer) : undefined;
      const literal = value && ts.isStringLiteralLike(value) && STATUS_LITERAL.has(value.text) ? value.text : undefined;
      if (keys.some((key) => WRITE_KEYS.has(key)) && !keys.includes("where")) report(node, `status written in a Prisma ${keys.find((k) => WRITE_KEYS.has(k))}`);
      else if (literal && keys[0] !== "where") report(node, `status "${literal}" outside a where filter`);
    }
    if (ts.isStringLiteralLike(node) || ts.isTemplateExpression(node)) {
      const sql = node.getText(source);
      if (RAW_SQL_WRITE.some((pattern) => pattern.test(sql))) report(node, "raw SQL that writes a job's status");
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function sourceFiles(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return /\.(ts|tsx|mts|mjs)$/.test(entry) ? [entry] : [];
  return fs.readdirSync(full).flatMap((name) => (SKIP.has(name) ? [] : sourceFiles(path.join(entry, name))));
}

describe("job status writes", () => {
  it("finds writes and leaves filters alone (the scanner can fail)", () => {
    expect(findStatusWrites("a.ts", `db.job.update({ where: { id }, data: { status: "queued", stage: null } });`)).toHaveLength(1);
    expect(findStatusWrites("a.ts", `db.job.updateMany({ where: { id }, data: { ...reset, status } });`)).toHaveLength(1);
    expect(findStatusWrites("a.ts", `const patch = { status: "failed" as const, error };`)).toHaveLength(1);
    expect(findStatusWrites("a.ts", "db.$executeRawUnsafe(`UPDATE \"Job\" SET status = 'queued' WHERE id = ?`, id);")).toHaveLength(1);
    expect(findStatusWrites("a.ts", `db.prepare('INSERT INTO "Job" (id, status) VALUES (?, ?)');`)).toHaveLength(1);
    expect(findStatusWrites("a.ts", `db.job.count({ where: { status: "queued" } }); db.job.findMany({ where: { status: { in: FINISHED } } });`)).toEqual([]);
    expect(findStatusWrites("a.tsx", `const ok = job.status === "completed"; <Badge status={job.status} />;`)).toEqual([]);
  });

  it("are made only in lib/jobs", () => {
    const files = SCANNED.flatMap(sourceFiles).map((file) => file.split(path.sep).join("/"));
    expect(files.length).toBeGreaterThan(100);
    const writes = files
      .filter((file) => !file.startsWith(OWNER) && !(file in ALLOWED))
      .flatMap((file) => findStatusWrites(file, fs.readFileSync(path.join(ROOT, file), "utf8")));
    expect(writes, "write a job's status through transitionJob in lib/jobs/transition.ts").toEqual([]);
    // The exceptions still do what they are excused for, so none outlives its reason.
    for (const file of Object.keys(ALLOWED)) expect(findStatusWrites(file, fs.readFileSync(path.join(ROOT, file), "utf8")), file).not.toEqual([]);
  });
});
