// A loopback HTTP receiver for webhooks: records every request (headers and the raw
// body) and answers with whatever status the test chooses for each one.
import http from "node:http";

export type Received = { method: string; path: string; headers: http.IncomingHttpHeaders; body: string; answered: number };

export type Receiver = {
  url: string;
  requests: Received[];
  /** Decides each answer from the requests so far (this one included); 200 by default, 0 = never answer. */
  answer: (request: Received, index: number) => number;
  close: () => Promise<void>;
};

export async function startReceiver(): Promise<Receiver> {
  const receiver: Receiver = { url: "", requests: [], answer: () => 200, close: async () => undefined };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request: Received = {
        method: req.method ?? "",
        path: req.url ?? "/",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        answered: 0,
      };
      request.answered = receiver.answer(request, receiver.requests.length);
      receiver.requests.push(request);
      if (request.answered === 0) return; // held open until the sender gives up or the receiver closes
      res.writeHead(request.answered, { "content-type": "text/plain" });
      res.end(request.answered >= 400 ? "receiver is having a bad day" : "ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  receiver.url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}
