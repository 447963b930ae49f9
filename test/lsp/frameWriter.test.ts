// The server's writer: one write per message, framed as the LSP base protocol says (Content-Length in UTF-8 bytes).
import { PassThrough } from 'node:stream';
import { type Message, StreamMessageReader } from 'vscode-languageserver/node';
import { FrameWriter } from '../../src/lsp/frameWriter';

describe('FrameWriter', () => {
  it('writes header and body in one chunk, counting bytes not characters', async () => {
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    const message = { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'Größe → ✓' } } as Message;
    await new FrameWriter(stream).write(message);
    expect(chunks).toHaveLength(1);
    const body = JSON.stringify(message);
    expect(chunks[0]!.toString('utf8')).toBe(`Content-Length: ${Buffer.from(body).length}\r\n\r\n${body}`);
    expect(Buffer.from(body).length).toBeGreaterThan(body.length);
  });

  it('frames that vscode-jsonrpc reads back, in order', async () => {
    const stream = new PassThrough();
    const reader = new StreamMessageReader(stream);
    const received: Message[] = [];
    const done = new Promise<void>((resolve) =>
      reader.listen((m) => {
        received.push(m);
        if (received.length === 3) resolve();
      }),
    );
    const writer = new FrameWriter(stream);
    const messages = ['ä', 'b', '✓'].map((text, id) => ({ jsonrpc: '2.0', id, result: text }) as Message);
    for (const m of messages) void writer.write(m);
    await done;
    expect(received).toEqual(messages);
    reader.dispose();
  });
});
