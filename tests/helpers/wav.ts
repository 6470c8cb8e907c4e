// 16-bit PCM WAV files from float samples, for fixtures: one array per channel, interleaved.
export function wavFile(channels: Float32Array[], rate = 16_000): Buffer {
  const frames = channels[0].length;
  const data = Buffer.alloc(frames * 2 * channels.length);
  for (let i = 0; i < frames; i++) {
    channels.forEach((channel, c) => data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, channel[i])) * 32767), (i * channels.length + c) * 2));
  }
  const header = Buffer.alloc(44);
  header.write("RIFF", 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write("WAVEfmt ", 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(channels.length, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2 * channels.length, 28);
  header.writeUInt16LE(2 * channels.length, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}
