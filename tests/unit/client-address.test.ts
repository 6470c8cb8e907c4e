import { describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config";
import { clientAddress } from "@/lib/http/headers";

describe("clientAddress", () => {
  it("uses the TCP peer and ignores X-Forwarded-For without TRUST_PROXY", () => {
    expect(clientAddress("203.0.113.9", "10.0.0.5", 0)).toBe("10.0.0.5");
  });

  it("takes the right-most hop, the one the trusted proxy appended, not the client-written left one", () => {
    expect(clientAddress("1.2.3.4, 198.51.100.7", "127.0.0.1", 1)).toBe("198.51.100.7");
    expect(clientAddress(["1.2.3.4", "198.51.100.7"], "127.0.0.1", 1)).toBe("198.51.100.7");
  });

  it("skips one entry per trusted proxy, counted from the right", () => {
    // client-written, the client as the CDN saw it, the CDN as Caddy saw it
    expect(clientAddress("1.2.3.4, 198.51.100.7, 203.0.113.1", "127.0.0.1", 2)).toBe("198.51.100.7");
    expect(clientAddress("198.51.100.7", "127.0.0.1", 2)).toBe("198.51.100.7");
  });

  it("falls back to the peer when the header is empty", () => {
    expect(clientAddress(" , ", "127.0.0.1", 1)).toBe("127.0.0.1");
    expect(clientAddress(undefined, undefined, 1)).toBe("unknown");
  });
});

describe("TRUST_PROXY", () => {
  it("reads a flag as one proxy and a number as that many", () => {
    const proxies = (value?: string) => parseConfig({ TRUST_PROXY: value }).trustedProxies;
    expect([proxies(undefined), proxies(""), proxies("false"), proxies("0")]).toEqual([0, 0, 0, 0]);
    expect([proxies("true"), proxies("YES"), proxies("1"), proxies("3")]).toEqual([1, 1, 1, 3]);
    expect(parseConfig({ TRUST_PROXY: "2" }).trustProxy).toBe(true);
  });

  it("names the variable for anything else", () => {
    expect(() => parseConfig({ TRUST_PROXY: "10.0.0.1" })).toThrow(/TRUST_PROXY: must be true, false or the number of trusted proxies/);
  });
});
