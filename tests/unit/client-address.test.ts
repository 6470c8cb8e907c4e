import { describe, expect, it } from "vitest";
import { clientAddress } from "@/lib/http/headers";

describe("clientAddress", () => {
  it("uses the TCP peer and ignores X-Forwarded-For without TRUST_PROXY", () => {
    expect(clientAddress("203.0.113.9", "10.0.0.5", false)).toBe("10.0.0.5");
  });

  it("takes the right-most hop, the one the trusted proxy appended, not the client-written left one", () => {
    expect(clientAddress("1.2.3.4, 198.51.100.7", "127.0.0.1", true)).toBe("198.51.100.7");
    expect(clientAddress(["1.2.3.4", "198.51.100.7"], "127.0.0.1", true)).toBe("198.51.100.7");
  });

  it("falls back to the peer when the header is empty", () => {
    expect(clientAddress(" , ", "127.0.0.1", true)).toBe("127.0.0.1");
    expect(clientAddress(undefined, undefined, true)).toBe("unknown");
  });
});
