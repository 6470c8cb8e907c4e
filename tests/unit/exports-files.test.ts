// Download names (Content-Disposition read back by the `content-disposition` package),
// zip entries, the streamed zip, and the export request parsing.
import { parse as parseDisposition } from "content-disposition";
import { unzipSync, strFromU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { contentDisposition, uniqueNames } from "@/lib/exports";
import { exportBaseName } from "@/lib/exports/filename";
import { parseExportQuery, parseFormat } from "@/lib/exports/request";
import { zipStream, type ZipEntry } from "@/lib/exports/zip";
import { isSeleniteError } from "@/lib/errors";

const ATTR_CHAR = /^[A-Za-z0-9!#$&+\-.^_`|~%]+$/;

function check(originalName: string, extension = "srt") {
  const header = contentDisposition(originalName, extension);
  expect(header).not.toMatch(/[\r\n\u0000-\u001f\u007f]/);
  const match = /^attachment; filename="([^"\\]*)"; filename\*=UTF-8''(.+)$/.exec(header);
  expect(match, header).not.toBeNull();
  const [, ascii, encoded] = match!;
  expect(ascii).toMatch(/^[\x20-\x7e]+$/);
  expect(encoded).toMatch(ATTR_CHAR);
  const parsed = parseDisposition(header);
  expect(parsed.type).toBe("attachment");
  // The parser prefers filename* (RFC 6266); it must be the same name, decoded.
  const name = parsed.parameters.filename;
  expect(name).toBe(decodeURIComponent(encoded));
  expect(name.endsWith(`.${extension}`)).toBe(true);
  expect(name).not.toMatch(/[/\\"\r\n\u0000-\u001f\u202a-\u202e\u2066-\u2069]/);
  expect(name.startsWith(".")).toBe(false);
  return { header, ascii, name };
}

describe("Content-Disposition", () => {
  it("uses the original name's base with the export's extension", () => {
    expect(check("Weekly meeting.m4a")).toMatchObject({ ascii: "Weekly meeting.srt", name: "Weekly meeting.srt" });
    expect(check("archive.tar.gz", "txt").name).toBe("archive.tar.txt");
    expect(check("no extension", "md").name).toBe("no extension.md");
  });

  it("drops folders, including ../ climbs and Windows paths", () => {
    expect(check("../../etc/passwd").name).toBe("passwd.srt");
    expect(check("..\\..\\boot.ini").name).toBe("boot.srt");
    expect(check("../").name).toBe("transcript.srt");
    expect(check("..").name).toBe("transcript.srt");
    expect(check(".hidden.wav").name).toBe("hidden.srt");
  });

  it("removes quotes, backslashes, CR/LF and other controls (no header injection)", () => {
    const { header, name } = check('evil"; filename="x.exe\r\nSet-Cookie: a=b.wav');
    expect(header.split("\r\n")).toHaveLength(1);
    expect(name).toBe("evil_ filename=x.exeSet-Cookie a=b.srt");
    expect(check("tab\there\u0000nul\u007f.wav").name).toBe("tabherenul.srt");
  });

  it("removes bidi overrides that could disguise the extension", () => {
    expect(check("invoice\u202Egpj.exe.wav").name).toBe("invoicegpj.exe.srt");
  });

  it("keeps UTF-8 names through RFC 5987 with an ASCII fallback", () => {
    const emoji = check("Réunion 🎉 été.mp3", "vtt");
    expect(emoji.name).toBe("Réunion 🎉 été.vtt");
    expect(emoji.ascii).toBe("R_union _ _t_.vtt");
    const arabic = check("اجتماع الفريق.wav", "docx");
    expect(arabic.name).toBe("اجتماع الفريق.docx");
    expect(arabic.ascii).toBe("______ ______.docx");
    expect(arabic.header).toContain("filename*=UTF-8''%D8%A7%D8%AC");
    expect(check("日本語の会議.m4a").name).toBe("日本語の会議.srt");
    expect(check("it's (final) *copy*.wav").header).toContain("filename*=UTF-8''it%27s%20%28final%29%20copy.srt");
  });

  it("bounds the length and avoids names Windows reserves", () => {
    const long = check(`${"あ".repeat(300)}.wav`);
    expect([...long.name].length).toBeLessThanOrEqual(125);
    expect(check("CON.wav").name).toBe("_CON.srt");
    // Windows reads the name before the first dot, in any case, spaces and dots trimmed.
    for (const name of ["AUX.txt.wav", "aux.TXT.wav", "nul .wav", "Com1.backup.mp3", "LPT9. .m4a", "con..wav", "PRN", "conout$.wav", "COM\u00b9.wav"]) {
      expect(check(name).name.startsWith("_"), name).toBe(true);
    }
    expect(check("AUX.txt.wav").name).toBe("_AUX.txt.srt");
    for (const name of ["auxiliary.wav", "console.txt.wav", "com10.wav", "lpt.wav", "my con.wav"]) expect(check(name).name.startsWith("_"), name).toBe(false);
    expect(check("trailing dots... .wav").name).toBe("trailing dots.srt");
    expect(exportBaseName("50% done; really.wav")).toBe("50_ done_ really");
  });
});

describe("zip entries", () => {
  it("are unique, case-insensitively, and safe", () => {
    const name = uniqueNames();
    expect(["a.wav", "A.mp3", "a.wav", "../a.wav", "", "x/.."].map((n) => name(n, "srt"))).toEqual([
      "a.srt",
      "A (2).srt",
      "a (3).srt",
      "a (4).srt",
      "transcript.srt",
      "transcript (2).srt",
    ]);
  });

  it("stream into a valid zip with UTF-8 names", async () => {
    async function* entries(): AsyncGenerator<ZipEntry> {
      yield { name: "one.txt", data: "first", mtime: new Date("2026-01-31T12:00:00Z") };
      yield { name: "日本語.srt", data: new TextEncoder().encode("second"), mtime: new Date(0) };
    }
    const bytes = new Uint8Array(await new Response(zipStream(entries())).arrayBuffer());
    const files = unzipSync(bytes);
    expect(Object.keys(files)).toEqual(["one.txt", "日本語.srt"]);
    expect(strFromU8(files["one.txt"])).toBe("first");
    expect(strFromU8(files["日本語.srt"])).toBe("second");
  });

  it("stream an empty zip when there is nothing to add", async () => {
    async function* none(): AsyncGenerator<ZipEntry> {}
    const bytes = new Uint8Array(await new Response(zipStream(none())).arrayBuffer());
    expect(Object.keys(unzipSync(bytes))).toEqual([]);
  });
});

describe("export requests", () => {
  it("accept the six formats and a timestamps switch", () => {
    expect(parseExportQuery({ format: "srt" })).toEqual({ format: "srt" });
    expect(parseExportQuery({ format: "txt", timestamps: "true" })).toEqual({ format: "txt", timestamps: true });
    expect(parseExportQuery({ format: "md", timestamps: "0" })).toEqual({ format: "md", timestamps: false });
  });

  it("refuse an unknown format with the list of valid ones", () => {
    for (const format of ["exe", "", undefined, "SRT"]) {
      try {
        parseFormat(format);
        expect.unreachable();
      } catch (error) {
        expect(isSeleniteError(error) && error.status).toBe(400);
        expect((error as Error).message).toMatch(/Valid formats: txt, srt, vtt, json, docx, md\.$/);
      }
    }
  });
});
