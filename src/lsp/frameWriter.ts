import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-languageserver/node';

/**
 * Writes each JSON-RPC message as one frame, header and body in a single `write`. vscode-jsonrpc's
 * StreamMessageWriter writes the header, awaits it, then writes the body: two writes (two syscalls on a pipe) per
 * message, i.e. per publishDiagnostics on every keystroke. Each write here is one synchronous call, so messages keep
 * their order without the semaphore that writer needs for its two awaited writes.
 */
export class FrameWriter extends AbstractMessageWriter implements MessageWriter {
  private errorCount = 0;

  constructor(private readonly stream: NodeJS.WritableStream) {
    super();
    stream.on('error', (error: unknown) => this.fireError(error));
    stream.on('close', () => this.fireClose());
  }

  write(message: Message): Promise<void> {
    let frame: string;
    try {
      const body = JSON.stringify(message);
      // Content-Length counts bytes of the UTF-8 body, not UTF-16 code units.
      frame = `Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`;
    } catch (error) {
      this.fireError(error, message);
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      this.stream.write(frame, 'utf8', (error) => {
        if (error === undefined || error === null) return resolve();
        this.errorCount++;
        this.fireError(error, message, this.errorCount);
        reject(error);
      });
    });
  }

  end(): void {
    this.stream.end();
  }
}
