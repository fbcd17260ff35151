// Reads a zip the server sent, for tests of the zip downloads.
import { fromBuffer as openZip } from "yauzl";

/** A zip's entries by path: folders end in "/" and hold nothing. */
export function unzip(buffer: Buffer): Promise<Record<string, Buffer>> {
  return new Promise((resolve, reject) => {
    openZip(buffer, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const entries: Record<string, Buffer> = {};
      zip.on("entry", (entry: { fileName: string }) => {
        if (entry.fileName.endsWith("/")) {
          entries[entry.fileName] = Buffer.alloc(0);
          return zip.readEntry();
        }
        zip.openReadStream(entry as never, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const parts: Buffer[] = [];
          stream.on("data", (part: Buffer) => parts.push(part));
          stream.on("end", () => {
            entries[entry.fileName] = Buffer.concat(parts);
            zip.readEntry();
          });
        });
      });
      zip.on("end", () => resolve(entries));
      zip.on("error", reject);
      zip.readEntry();
    });
  });
}

/** The same, each entry read as UTF-8 text. */
export async function unzipText(buffer: Buffer): Promise<Record<string, string>> {
  return Object.fromEntries(Object.entries(await unzip(buffer)).map(([name, bytes]) => [name, bytes.toString()]));
}
