// A minimal server-sent-events client for tests: reads the stream with fetch and
// yields parsed events, like a browser's EventSource (without auto-reconnect).
export type SseEvent = { id?: string; event: string; data: string };

export async function openEvents(url: string, headers: Record<string, string>) {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  if (!response.ok || !response.body) throw new Error(`events answered ${response.status}`);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const queue: SseEvent[] = [];

  async function fill(): Promise<void> {
    const { value, done } = await reader.read();
    if (done) throw new Error("event stream ended");
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event: SseEvent = { event: "message", data: "" };
      let hasData = false;
      for (const line of block.split("\n")) {
        if (line.startsWith(":")) continue;
        const [field, ...rest] = line.split(":");
        const value = rest.join(":").replace(/^ /, "");
        if (field === "id") event.id = value;
        if (field === "event") event.event = value;
        if (field === "data") {
          event.data += value;
          hasData = true;
        }
      }
      if (hasData) queue.push(event);
    }
  }

  return {
    status: response.status,
    contentType: response.headers.get("content-type"),
    /** The next event matching `predicate`, skipping others. */
    async next(predicate: (e: SseEvent) => boolean = () => true, timeoutMs = 10_000): Promise<SseEvent> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const index = queue.findIndex(predicate);
        if (index >= 0) return queue.splice(index, 1)[0];
        queue.length = 0;
        if (Date.now() > deadline) throw new Error("no matching event in time");
        await Promise.race([fill(), new Promise((_, reject) => setTimeout(() => reject(new Error("no matching event in time")), deadline - Date.now()))]);
      }
    },
    close() {
      controller.abort();
    },
  };
}
